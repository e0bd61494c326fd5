package io.ueledger.ops.verifier;

import static org.awaitility.Awaitility.await;

import io.ueledger.kernel.device.Platform;
import io.ueledger.kernel.enrollment.AuthMethod;
import io.ueledger.kernel.enrollment.AuthenticateDevice;
import io.ueledger.kernel.enrollment.Channel;
import io.ueledger.kernel.enrollment.DeliverEnrollmentProfile;
import io.ueledger.kernel.enrollment.IssueIdentityCertificate;
import io.ueledger.kernel.enrollment.IssueSessionToken;
import io.ueledger.kernel.enrollment.RecordUserAuthentication;
import io.ueledger.kernel.enrollment.RequestEnrollment;
import io.ueledger.kernel.enrollment.UpdatePushToken;
import io.ueledger.kernel.mdm.DeliverNextMdmCommand;
import io.ueledger.kernel.mdm.ManagedContent;
import io.ueledger.kernel.mdm.MdmCommandStatus;
import io.ueledger.kernel.mdm.IssueMdmCommand;
import io.ueledger.kernel.mdm.RecordMdmCommandResult;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.jdbc.core.JdbcTemplate;

/** An iPhone enrolled through the real command side, whose MDM commands go straight to the aggregate. */
final class BundleDevice {

    final String ref = "it-export-" + UUID.randomUUID();
    final String enrollmentId = "enr-" + UUID.randomUUID();
    final String account = "export-" + UUID.randomUUID() + "@corp.example";
    private final CommandGateway commands;
    private final JdbcTemplate jdbc;

    BundleDevice(CommandGateway commands, JdbcTemplate jdbc) {
        this.commands = commands;
        this.jdbc = jdbc;
        send(new RequestEnrollment(ref, "corp.example", "iPhone", Platform.IOS, "iPhone17,2", "18.1", "22B83", "en",
                "CN=Apple iPhone Device CA", "sha256:body", AuthMethod.APPLE_AS_WEB, Instant.now()));
        send(new RecordUserAuthentication(ref, "demo-idp", "subject-" + ref, account, Instant.now()));
        String tokenId = "tok-" + UUID.randomUUID();
        send(new IssueSessionToken(ref, tokenId, "sha256:token", Instant.now().plus(Duration.ofHours(1)), Instant.now()));
        send(new DeliverEnrollmentProfile(ref, tokenId, "com.example.mdm.byod", UUID.randomUUID().toString(),
                "com.apple.mgmt.External.test", "sha256:profile", Instant.now()));
        send(new IssueIdentityCertificate(ref, "0A1B2C", "sha256:cert", "CN=" + ref,
                Instant.now().plus(Duration.ofDays(365)), Instant.now()));
        send(new AuthenticateDevice(ref, enrollmentId, Channel.DEVICE, "iPhone17,2", "18.1", "22B83", Instant.now()));
        send(new UpdatePushToken(ref, enrollmentId, Channel.DEVICE, "com.apple.mgmt.External.test", "sha256:push",
                "sha256:magic", Instant.now()));
    }

    /**
     * Queues through {@code QueueMdmCommand}, which does not consult the User Enrollment policy (the
     * admin API does that before), delivers and acknowledges: a history the matrix may refuse.
     */
    String carryOut(String requestType) {
        String commandUuid = UUID.randomUUID().toString();
        send(new IssueMdmCommand(ref, commandUuid, requestType, Channel.DEVICE, ManagedContent.none(),
                "sha256:" + commandUuid, "admin", null, Instant.now()));
        send(new DeliverNextMdmCommand(ref, enrollmentId, Channel.DEVICE, false, Instant.now()));
        send(new RecordMdmCommandResult(ref, enrollmentId, Channel.DEVICE, commandUuid, MdmCommandStatus.ACKNOWLEDGED,
                null, Instant.now()));
        return commandUuid;
    }

    /**
     * Waits until the ledger has a leaf for every event of this enrollment, and the compliance views
     * know it (the bundle's report is read from them).
     */
    BundleDevice inLedger() {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from compliance_enrollment where enrollment_ref = ?", Long.class, ref) == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("""
                select count(*) = count(l.leaf_index) from domainevententry e
                left join ledger_leaf l on l.global_index = e.globalindex where e.aggregateidentifier = ?
                """, Boolean.class, ref));
        return this;
    }

    long eventCount() {
        return jdbc.queryForObject("select count(*) from domainevententry where aggregateidentifier = ?", Long.class, ref);
    }

    private void send(Object command) {
        commands.sendAndWait(command);
    }
}
