package io.ueledger.ops.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.dd.plist.NSDictionary;
import com.dd.plist.PropertyListParser;
import io.ueledger.kernel.device.Platform;
import io.ueledger.kernel.enrollment.AuthMethod;
import io.ueledger.kernel.enrollment.DeliverEnrollmentProfile;
import io.ueledger.kernel.enrollment.IssueIdentityCertificate;
import io.ueledger.kernel.enrollment.IssueSessionToken;
import io.ueledger.kernel.enrollment.RecordUserAuthentication;
import io.ueledger.kernel.enrollment.RequestEnrollment;
import io.ueledger.ops.support.TestDeviceIdentity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A simulated device brought to ENROLLED: the enrollment stages up to the identity certificate are
 * driven through the command gateway, then the device speaks the real check-in protocol
 * (Authenticate, TokenUpdate) and the real command channel with signed plists.
 */
public final class EnrolledTestDevice {

    public final String ref = "enr-" + UUID.randomUUID();
    final String enrollmentId = UUID.randomUUID().toString().toUpperCase();
    private final TestDeviceIdentity identity = TestDeviceIdentity.generate(ref);
    private final TestRestTemplate http;

    private EnrolledTestDevice(TestRestTemplate http) {
        this.http = http;
    }

    public static EnrolledTestDevice iPhone(CommandGateway commands, TestRestTemplate http, String account) {
        return enroll(commands, http, account, Platform.IOS, "iPhone", "iPhone17,2", "18.2");
    }

    public static EnrolledTestDevice mac(CommandGateway commands, TestRestTemplate http, String account, String osVersion) {
        return enroll(commands, http, account, Platform.MACOS, "Mac", "Mac15,12", osVersion);
    }

    private static EnrolledTestDevice enroll(CommandGateway commands, TestRestTemplate http, String account,
                                             Platform platform, String family, String product, String osVersion) {
        EnrolledTestDevice device = new EnrolledTestDevice(http);
        String ref = device.ref;
        Instant now = Instant.now();
        commands.sendAndWait(new RequestEnrollment(ref, "corp.example", family, platform, product, osVersion, "25A1",
                "en-US", "CN=sim", "sha256:x", AuthMethod.APPLE_AS_WEB, now));
        commands.sendAndWait(new RecordUserAuthentication(ref, "builtin", "sub", account, now));
        commands.sendAndWait(new IssueSessionToken(ref, "t1", "sha256:t", now.plusSeconds(3600), now));
        commands.sendAndWait(new DeliverEnrollmentProfile(ref, "t1", "com.corp.byod." + ref, "u", "com.apple.mgmt.x",
                "sha256:p", now));
        commands.sendAndWait(new IssueIdentityCertificate(ref, device.identity.serialNumber(),
                device.identity.fingerprint(), device.identity.subject(), device.identity.notAfter(), now));
        assertThat(device.put("/mdm/checkin", Map.of("MessageType", "Authenticate", "Topic", "com.apple.mgmt.x",
                "EnrollmentID", device.enrollmentId, "BuildVersion", "25A1", "OSVersion", osVersion,
                "ProductName", product)).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(device.put("/mdm/checkin", Map.of("MessageType", "TokenUpdate", "Topic", "com.apple.mgmt.x",
                "EnrollmentID", device.enrollmentId, "Token", new byte[] {1, 2, 3, 4}, "PushMagic", "magic"))
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        return device;
    }

    public String enrollmentId() {
        return enrollmentId;
    }

    /** Sends one signed check-in message (as the device would, e.g. DeclarativeManagement). */
    public ResponseEntity<byte[]> checkIn(Map<String, Object> entries) {
        return put("/mdm/checkin", entries);
    }

    /** The owner removes the enrollment on the device: CheckOut, which closes the enrollment and shreds. */
    public void checkOut() {
        assertThat(put("/mdm/checkin", Map.of("MessageType", "CheckOut", "Topic", "com.apple.mgmt.x",
                "EnrollmentID", enrollmentId)).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    /** Polls the command channel and returns the command the server hands out (or null). */
    public NSDictionary idle() {
        return command(put("/mdm/server", Map.of("EnrollmentID", enrollmentId, "Status", "Idle")));
    }

    /** Polls, expects exactly this command, acknowledges it with these extra result keys. */
    NSDictionary receiveAndAcknowledge(String commandUuid, Map<String, Object> answer) {
        NSDictionary command = idle();
        assertThat((Object) command).as("the device is handed a command").isNotNull();
        assertThat(command.objectForKey("CommandUUID").toJavaObject()).isEqualTo(commandUuid);
        Map<String, Object> result = new LinkedHashMap<>(answer);
        result.put("EnrollmentID", enrollmentId);
        result.put("Status", "Acknowledged");
        result.put("CommandUUID", commandUuid);
        assertThat(put("/mdm/server", result).getStatusCode()).isEqualTo(HttpStatus.OK);
        return command;
    }

    private static NSDictionary command(ResponseEntity<byte[]> response) {
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        if (response.getBody() == null || response.getBody().length == 0) {
            return null;
        }
        try {
            return (NSDictionary) PropertyListParser.parse(response.getBody());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private ResponseEntity<byte[]> put(String path, Map<String, Object> entries) {
        NSDictionary dictionary = new NSDictionary();
        entries.forEach(dictionary::put);
        byte[] body = dictionary.toXMLPropertyList().getBytes(StandardCharsets.UTF_8);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType(path.endsWith("checkin")
                ? "application/x-apple-aspen-mdm-checkin" : "application/x-apple-aspen-mdm"));
        headers.set("Mdm-Signature", identity.sign(body));
        return http.exchange(path, HttpMethod.PUT, new HttpEntity<>(body, headers), byte[].class);
    }
}
