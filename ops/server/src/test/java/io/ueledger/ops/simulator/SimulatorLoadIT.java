package io.ueledger.ops.simulator;

import io.ueledger.command.admin.MdmCommandIssuer;
import static org.assertj.core.api.Assertions.assertThat;

import io.ueledger.command.mdm.MdmCommandBodies;
import io.ueledger.command.pki.ServerPki;
import io.ueledger.kernel.mdm.ProfileInstalled;
import io.ueledger.ops.simulator.load.InProcessMdmCommandQueue;
import io.ueledger.ops.simulator.load.LedgerProbe;
import io.ueledger.ops.simulator.load.LoadPlan;
import io.ueledger.ops.simulator.load.LoadReport;
import io.ueledger.ops.simulator.load.LoadResult;
import io.ueledger.ops.simulator.load.LoadRun;
import io.ueledger.ops.support.IntegrationTest;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The load mode in miniature against the test server: 20 devices of all four platforms enroll end to end,
 * each gets 3 InstallProfile commands and answers some NotNow first; the event store must then hold exactly
 * one acknowledgement per command and the results file must be written.
 */
class SimulatorLoadIT extends IntegrationTest {

    @Autowired
    MdmCommandIssuer issuer;
    @Autowired
    ServerPki pki;
    @Autowired
    CommandGateway commands;
    @Autowired
    MdmCommandBodies bodies;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void theDemoAccountsAreActive() {
        for (LoadPlan.Account account : LoadPlan.demoAccounts()) {
            givenActiveAccount(account.email(), "Load Test");
        }
    }

    @Test
    void twenty_devices_each_get_three_profiles_acknowledged_exactly_once_and_the_results_file_is_written(
            @TempDir Path resultsDir) throws Exception {
        long profilesBefore = loadProfilesInstalled();
        LoadPlan plan = new LoadPlan(20, 3, 8, 0.2, 4, Duration.ofMinutes(5), LoadPlan.demoAccounts());

        LoadResult result = new LoadRun(URI.create("http://127.0.0.1:" + PORT), pki.simulatedDeviceCa(),
                new InProcessMdmCommandQueue(issuer), new LedgerProbe(jdbc))
                .run(plan);

        LoadResult.Checks checks = result.checks();
        assertThat(result.errorSamples()).isEmpty();
        assertThat(checks.errors()).isZero();
        assertThat(result.phase("enrollment").items()).isEqualTo(20);
        assertThat(checks.queued()).isEqualTo(60);
        assertThat(checks.acknowledgedOnce()).isEqualTo(60);
        assertThat(checks.lost()).isZero();
        assertThat(checks.duplicated()).isZero();
        assertThat(checks.notNowResults()).as("some commands were first deferred (rate 0.2 of 60)").isPositive();
        assertThat(loadProfilesInstalled() - profilesBefore).as("the ledger records every profile as installed")
                .isEqualTo(60);
        assertThat(result.latencies()).containsKeys("discovery", "enroll", "web sign-in", "scep", "checkin",
                "command");
        assertThat(result.phase("enrollment").events()).as("events appended while enrolling").isPositive();

        Path file = LoadReport.write(result, resultsDir);
        assertThat(file.getFileName().toString()).matches("load-\\d{4}-\\d{2}-\\d{2}-20x3\\.md");
        assertThat(Files.readString(file)).contains("| commands queued (devices that polled) | 60 |",
                "| lost (no acknowledgement) | 0 |", "| duplicated acknowledgements | 0 |",
                "clean: zero errors, zero lost, zero duplicated", "| cores |", "| PostgreSQL |");
    }

    private long loadProfilesInstalled() {
        return jdbc.queryForObject("select count(*) from domainevententry where payloadtype = ? and"
                + " convert_from(payload, 'UTF8') like '%com.corp.load.%'", Long.class, ProfileInstalled.class.getName());
    }
}
