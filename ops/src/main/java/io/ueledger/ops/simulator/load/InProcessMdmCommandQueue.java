package io.ueledger.ops.simulator.load;

import com.dd.plist.NSDictionary;
import io.ueledger.command.mdm.MdmCommandBodies;
import io.ueledger.command.mdm.MdmCommandPlist;
import io.ueledger.kernel.enrollment.Channel;
import io.ueledger.kernel.mdm.ManagedContent;
import io.ueledger.kernel.mdm.QueueMdmCommand;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Queues commands inside the server's own process, the way the server stores a queued command: the body
 * and the {@link QueueMdmCommand} in one transaction. It stands in for the admin command API (which decides
 * policy first) while that API is not part of this build; the load run measures the command channel, not
 * the admin's side, and a plain passcode-free profile is one every policy allows.
 */
public class InProcessMdmCommandQueue implements MdmCommandQueue {

    private final CommandGateway commands;
    private final MdmCommandBodies bodies;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public InProcessMdmCommandQueue(CommandGateway commands, MdmCommandBodies bodies, TransactionTemplate transactions,
                                    Clock clock) {
        this.commands = commands;
        this.bodies = bodies;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public String installProfile(String enrollmentRef, String profileIdentifier) {
        String commandUuid = UUID.randomUUID().toString().toUpperCase(java.util.Locale.ROOT);
        byte[] profile = profile(profileIdentifier);
        byte[] body = MdmCommandPlist.build(commandUuid, "InstallProfile", Map.of("Payload", profile));
        transactions.executeWithoutResult(tx -> {
            bodies.store(commandUuid, enrollmentRef, "InstallProfile", body, clock.instant());
            commands.sendAndWait(new QueueMdmCommand(enrollmentRef, commandUuid, "InstallProfile", Channel.DEVICE,
                    ManagedContent.installsProfile(profileIdentifier, List.of(), List.of()), sha256(profile),
                    "load-simulator", null, clock.instant()));
        });
        return commandUuid;
    }

    /** A configuration profile with one harmless payload (a web clip), as an admin might push to a fleet. */
    static byte[] profile(String identifier) {
        NSDictionary webClip = new NSDictionary();
        webClip.put("PayloadType", "com.apple.webClip.managed");
        webClip.put("PayloadIdentifier", identifier + ".webclip");
        webClip.put("PayloadUUID", UUID.randomUUID().toString().toUpperCase(java.util.Locale.ROOT));
        webClip.put("PayloadVersion", 1);
        webClip.put("Label", "Intranet");
        webClip.put("URL", "https://intranet.corp.example/");
        NSDictionary profile = new NSDictionary();
        profile.put("PayloadType", "Configuration");
        profile.put("PayloadIdentifier", identifier);
        profile.put("PayloadUUID", UUID.randomUUID().toString().toUpperCase(java.util.Locale.ROOT));
        profile.put("PayloadVersion", 1);
        profile.put("PayloadDisplayName", "Load test profile");
        profile.put("PayloadContent", new com.dd.plist.NSArray(webClip));
        return profile.toXMLPropertyList().getBytes(StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
