package io.ueledger.ops.push;

import io.ueledger.command.push.PushCredentials;
import io.ueledger.kernel.device.Platform;
import io.ueledger.ops.support.ScriptedEnrollment;
import java.security.SecureRandom;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * Enrolled iPhones the server can push to: the shared {@link ScriptedEnrollment} with a random
 * device token and PushMagic stored as the TokenUpdate check-in stores them.
 */
final class TestEnrollments {

    record Enrolled(ScriptedEnrollment script, byte[] deviceToken, String pushMagic, String topic) {

        String enrollmentRef() {
            return script.ref;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final CommandGateway commands;
    private final PushCredentials credentials;

    TestEnrollments(CommandGateway commands, PushCredentials credentials) {
        this.commands = commands;
        this.credentials = credentials;
    }

    Enrolled enrollIphone(String topic) {
        byte[] token = new byte[32];
        RANDOM.nextBytes(token);
        String pushMagic = UUID.randomUUID().toString().toUpperCase();
        ScriptedEnrollment script = ScriptedEnrollment.device(commands, "alice@corp.example", Platform.IOS,
                "iPhone17,2", "18.2.1").enrollWithPushCredentials(credentials, topic, token, pushMagic);
        return new Enrolled(script, token, pushMagic, topic);
    }

    void queueCommand(Enrolled device) {
        device.script().queue("ProfileList");
    }
}
