package io.ueledger.ops.verifier;

import static org.awaitility.Awaitility.await;

import io.ueledger.ops.support.ScriptedEnrollment;
import java.time.Duration;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An iPhone enrolled with the shared {@link ScriptedEnrollment}, whose export bundle a test reads:
 * this adds only the waits for the ledger and the compliance views the bundle is built from.
 */
final class BundleDevice {

    final String account = "export-" + UUID.randomUUID() + "@corp.example";
    private final ScriptedEnrollment script;
    final String ref;
    private final JdbcTemplate jdbc;

    BundleDevice(CommandGateway commands, JdbcTemplate jdbc) {
        this.script = ScriptedEnrollment.iPhone(commands, account).enroll();
        this.ref = script.ref;
        this.jdbc = jdbc;
    }

    /**
     * Issues a command as if the policy allowed it (the admin API asks the policy before), delivers
     * and acknowledges it: a history the matrix may refuse.
     */
    String carryOut(String requestType) {
        return script.carryOut(requestType);
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
}
