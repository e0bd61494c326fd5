package io.ueledger.command.checkin;

import static io.ueledger.command.plist.SafePlist.optionalData;
import static io.ueledger.command.plist.SafePlist.optionalString;
import static io.ueledger.command.plist.SafePlist.requireString;

import com.dd.plist.NSDictionary;
import io.ueledger.command.ddm.DeclarativeManagementEndpoint;
import io.ueledger.command.plist.SafePlist;
import io.ueledger.command.plist.UnsafePlist;
import io.ueledger.kernel.enrollment.AuthenticateDevice;
import io.ueledger.kernel.enrollment.Channel;
import io.ueledger.kernel.enrollment.RecordRefusedCheckIn;
import io.ueledger.kernel.unenrollment.CheckOutDevice;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The MDM check-in protocol on the CheckInURL (SPEC.md section 6) for user-enrolled devices:
 * Authenticate, TokenUpdate and CheckOut change the enrollment; DeclarativeManagement is handed to
 * the DDM endpoint; GetToken is answered with a clear "not supported"; messages a user enrollment
 * must not send are refused and the refusal is recorded.
 */
@RestController
public class CheckInController {

    public static final String PATH = "/mdm/checkin";
    static final int MAX_CHECKIN_BYTES = 64 * 1024;

    /** Check-in messages that Apple's schema forbids under User Enrollment, or that only supervised Macs send. */
    private static final Set<String> FORBIDDEN_UNDER_USER_ENROLLMENT = Set.of(
            "UserAuthenticate", "GetBootstrapToken", "SetBootstrapToken", "ReturnToService");

    private static final Logger log = LoggerFactory.getLogger(CheckInController.class);

    private final DeviceRequestAuthenticator authenticator;
    private final CommandGateway commands;
    private final PushCredentialsRecorder pushCredentials;
    private final AuthenticateSessionCheck sessionCheck;
    private final Clock clock;
    private final DeclarativeManagementEndpoint declarativeManagement;

    public CheckInController(DeviceRequestAuthenticator authenticator, CommandGateway commands,
                             PushCredentialsRecorder pushCredentials, AuthenticateSessionCheck sessionCheck,
                             Clock clock, DeclarativeManagementEndpoint declarativeManagement) {
        this.declarativeManagement = declarativeManagement;
        this.authenticator = authenticator;
        this.commands = commands;
        this.pushCredentials = pushCredentials;
        this.sessionCheck = sessionCheck;
        this.clock = clock;
    }

    @PutMapping(PATH)
    public ResponseEntity<?> checkIn(@RequestBody(required = false) byte[] body,
                                        @RequestHeader(name = "Mdm-Signature", required = false) String signature,
                                        @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false)
                                        String authorization,
                                        HttpServletRequest request) {
        NSDictionary message = SafePlist.parseDictionary(body, MAX_CHECKIN_BYTES);
        AuthenticatedDevice device = authenticator.authenticate(body, signature,
                forwardedCertificate(request, authenticator));
        String messageType = requireString(message, "MessageType");
        refuseDeviceIdentifiers(message, messageType);
        Channel channel = Channel.of(optionalString(message, "EnrollmentUserID"));
        switch (messageType) {
            case "Authenticate" -> {
                sessionCheck.requireValidTokenIfPresent(device.enrollmentRef(), authorization);
                commands.sendAndWait(new AuthenticateDevice(device.enrollmentRef(),
                        requireString(message, "EnrollmentID"), channel, optionalString(message, "ProductName"),
                        optionalString(message, "OSVersion"), optionalString(message, "BuildVersion"),
                        clock.instant()));
            }
            case "TokenUpdate" -> tokenUpdate(device, message, channel);
            case "CheckOut" -> commands.sendAndWait(new CheckOutDevice(device.enrollmentRef(),
                    requireString(message, "EnrollmentID"), clock.instant()));
            case "GetToken" -> throw new CheckInRefused(HttpStatus.BAD_REQUEST,
                    "GetToken (" + optionalString(message, "TokenServiceType") + ") is not supported by this server");
            case "DeclarativeManagement" -> {
                return declarativeManagement.handle(device.enrollmentRef(), message);
            }
            default -> refuse(device, messageType, channel);
        }
        log.debug("Check-in {} accepted for enrollment {}", messageType, device.enrollmentRef());
        return ResponseEntity.ok().build();
    }

    private void tokenUpdate(AuthenticatedDevice device, NSDictionary message, Channel channel) {
        byte[] token = optionalData(message, "Token");
        String pushMagic = requireString(message, "PushMagic");
        if (token == null || token.length == 0) {
            throw new UnsafePlist("TokenUpdate has no Token");
        }
        String topic = requireString(message, "Topic");
        String enrollmentId = requireString(message, "EnrollmentID");
        pushCredentials.record(device.enrollmentRef(), enrollmentId, channel, topic, token, pushMagic,
                clock.instant());
    }

    private void refuse(AuthenticatedDevice device, String messageType, Channel channel) {
        boolean forbidden = FORBIDDEN_UNDER_USER_ENROLLMENT.contains(messageType);
        String reason = forbidden
                ? messageType + " is not allowed for a user-enrolled device"
                : messageType + " is not a check-in message this server knows";
        commands.sendAndWait(new RecordRefusedCheckIn(device.enrollmentRef(), messageType, channel, reason,
                clock.instant()));
        // Apple asks servers that do not support UserAuthenticate to answer 410 Gone.
        throw new CheckInRefused("UserAuthenticate".equals(messageType) ? HttpStatus.GONE
                : HttpStatus.BAD_REQUEST, reason);
    }

    static void refuseDeviceIdentifiers(NSDictionary message, String messageType) {
        for (String key : List.of("UDID", "SerialNumber", "IMEI", "MEID")) {
            if (message.containsKey(key)) {
                throw new UnsafePlist(messageType + " carries " + key
                        + ": that is a device enrollment, not a User Enrollment");
            }
        }
    }

    static String forwardedCertificate(HttpServletRequest request, DeviceRequestAuthenticator authenticator) {
        String header = authenticator.clientCertificateHeader();
        return header.isBlank() ? null : request.getHeader(header);
    }
}
