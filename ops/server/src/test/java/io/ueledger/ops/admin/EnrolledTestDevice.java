package io.ueledger.ops.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.dd.plist.NSDictionary;
import com.dd.plist.PropertyListParser;
import io.ueledger.kernel.device.Platform;
import io.ueledger.ops.support.ScriptedEnrollment;
import io.ueledger.ops.support.TestDeviceIdentity;
import java.nio.charset.StandardCharsets;
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
 * driven through the command gateway by the shared {@link ScriptedEnrollment}, then the device speaks the real check-in protocol
 * (Authenticate, TokenUpdate) and the real command channel with signed plists.
 */
public final class EnrolledTestDevice {

    private static final String TOPIC = "com.apple.mgmt.x";


    public final String ref;
    final String enrollmentId = UUID.randomUUID().toString().toUpperCase();
    private final TestDeviceIdentity identity;
    private final TestRestTemplate http;

    private EnrolledTestDevice(ScriptedEnrollment script, TestDeviceIdentity identity, TestRestTemplate http) {
        this.ref = script.ref;
        this.identity = identity;
        this.http = http;
    }

    public static EnrolledTestDevice iPhone(CommandGateway commands, TestRestTemplate http, String account) {
        return enroll(ScriptedEnrollment.device(commands, account, Platform.IOS, "iPhone17,2", "18.2"), http,
                "iPhone17,2", "18.2");
    }

    public static EnrolledTestDevice mac(CommandGateway commands, TestRestTemplate http, String account, String osVersion) {
        return enroll(ScriptedEnrollment.device(commands, account, Platform.MACOS, "Mac15,12", osVersion), http,
                "Mac15,12", osVersion);
    }

    /** Stages 1-4 with the shared driver (the identity is this device's own key), then check-in over HTTP. */
    private static EnrolledTestDevice enroll(ScriptedEnrollment script, TestRestTemplate http, String product,
                                             String osVersion) {
        TestDeviceIdentity identity = TestDeviceIdentity.generate(script.ref);
        script.identityIssued(TOPIC, identity.serialNumber(), identity.fingerprint(), identity.subject(),
                identity.notAfter());
        EnrolledTestDevice device = new EnrolledTestDevice(script, identity, http);
        assertThat(device.put("/mdm/checkin", Map.of("MessageType", "Authenticate", "Topic", TOPIC,
                "EnrollmentID", device.enrollmentId, "BuildVersion", "25A1", "OSVersion", osVersion,
                "ProductName", product)).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(device.put("/mdm/checkin", Map.of("MessageType", "TokenUpdate", "Topic", TOPIC,
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
        assertThat(put("/mdm/checkin", Map.of("MessageType", "CheckOut", "Topic", TOPIC,
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
