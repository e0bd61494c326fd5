package io.ueledger.command.checkin;

import static io.ueledger.command.plist.SafePlist.optionalString;
import static io.ueledger.command.plist.SafePlist.requireString;

import com.dd.plist.NSArray;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSNumber;
import com.dd.plist.NSObject;
import io.ueledger.command.mdm.MdmCommandBodies;
import io.ueledger.command.plist.SafePlist;
import io.ueledger.command.plist.UnsafePlist;
import io.ueledger.kernel.enrollment.Channel;
import io.ueledger.kernel.mdm.ErrorChainItem;
import io.ueledger.kernel.mdm.MdmCommandStatus;
import io.ueledger.kernel.mdm.ReportToCommandChannel;
import io.ueledger.kernel.mdm.ReportManagedAppInventory;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The command channel on the ServerURL (SPEC.md section 7). Each request reports Idle or the result
 * of the previous command; the answer is the next outstanding command or an empty 200 that ends
 * the session. One Axon command per request records the result and decides and records the next
 * delivery in the same step and transaction, so no read model sits on this hot path.
 */
@RestController
public class CommandChannelController {

    public static final String PATH = "/mdm/server";
    static final int MAX_RESULT_BYTES = 4 * 1024 * 1024;

    private final DeviceRequestAuthenticator authenticator;
    private final CommandGateway commands;
    private final MdmCommandBodies bodies;
    private final Clock clock;

    public CommandChannelController(DeviceRequestAuthenticator authenticator, CommandGateway commands,
                                    MdmCommandBodies bodies, Clock clock) {
        this.authenticator = authenticator;
        this.commands = commands;
        this.bodies = bodies;
        this.clock = clock;
    }

    @PutMapping(PATH)
    public ResponseEntity<byte[]> poll(@RequestBody(required = false) byte[] body,
                                       @RequestHeader(name = "Mdm-Signature", required = false) String signature,
                                       HttpServletRequest request) {
        NSDictionary report = SafePlist.parseDictionary(body, MAX_RESULT_BYTES);
        AuthenticatedDevice device = authenticator.authenticate(body, signature,
                CheckInController.forwardedCertificate(request, authenticator));
        String enrollmentId = requireString(report, "EnrollmentID");
        Channel channel = Channel.of(optionalString(report, "EnrollmentUserID"));
        String status = requireString(report, "Status");
        ReportToCommandChannel.Result result = null;
        if (!"Idle".equals(status)) {
            String commandUuid = requireString(report, "CommandUUID");
            result = new ReportToCommandChannel.Result(commandUuid, parseStatus(status), errorChain(report));
            if (result.status() == MdmCommandStatus.ACKNOWLEDGED) {
                // before the result, while the command is still outstanding and its type known
                AppInventoryReader.apps(report).ifPresent(apps -> commands.sendAndWait(new ReportManagedAppInventory(
                        device.enrollmentRef(), enrollmentId, commandUuid, apps, clock.instant())));
            }
        }
        // one command, one transaction: the result and the next delivery are recorded together
        Optional<String> next = commands.sendAndWait(new ReportToCommandChannel(device.enrollmentRef(),
                enrollmentId, channel, result, clock.instant()));
        if (next == null || next.isEmpty()) {
            return ResponseEntity.ok().build();
        }
        byte[] command = bodies.body(next.get()).orElseThrow(() -> new IllegalStateException(
                "command " + next.get() + " was queued without its body"));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(command);
    }

    private static MdmCommandStatus parseStatus(String status) {
        try {
            return MdmCommandStatus.fromWire(status);
        } catch (IllegalArgumentException e) {
            throw new UnsafePlist(e.getMessage());
        }
    }

    private static List<ErrorChainItem> errorChain(NSDictionary report) {
        NSObject chain = report.objectForKey("ErrorChain");
        if (!(chain instanceof NSArray array)) {
            return List.of();
        }
        List<ErrorChainItem> items = new ArrayList<>();
        for (NSObject element : array.getArray()) {
            if (element instanceof NSDictionary entry) {
                NSObject code = entry.objectForKey("ErrorCode");
                items.add(new ErrorChainItem(code instanceof NSNumber n ? n.intValue() : null,
                        optionalString(entry, "ErrorDomain"), optionalString(entry, "LocalizedDescription"),
                        optionalString(entry, "USEnglishDescription")));
            }
        }
        return items;
    }
}
