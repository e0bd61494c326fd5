package io.ueledger.ops.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.ueledger.kernel.mdm.ProfileInstalled;
import io.ueledger.ops.simulator.cli.LoadCommand;
import io.ueledger.ops.simulator.load.LoadPlan;
import io.ueledger.ops.simulator.load.LoadReport;
import io.ueledger.ops.simulator.load.LoadResult;
import io.ueledger.ops.support.IntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import io.ueledger.command.pki.ServerPki;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The load command in miniature against the test server, as {@code load --server URL} drives a server the user
 * started: devices of all four platforms enroll end to end, each gets InstallProfile commands through the admin
 * API and answers some NotNow first; each device's history (read API) must then hold exactly one
 * acknowledgement per command, the event store must agree, and the results file must carry the storage settings
 * read from the server and the server's CPU time per result. This is the smoke run that keeps the load command
 * from rotting; the real runs are opt-in (docs/developers/performance.md).
 */
class SimulatorLoadIT extends IntegrationTest {

    @Autowired
    ServerPki pki;
    @Autowired
    JdbcTemplate jdbc;
    @Value("${ueledger.pki.dir}")
    Path pkiDir;
    @Value("${spring.datasource.hikari.maximum-pool-size}")
    int connectionPoolSize;
    @Value("${server.tomcat.threads.max:200}")
    int requestThreads;

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

        LoadResult result = LoadCommand.run(URI.create("http://127.0.0.1:" + PORT), pki.simulatedDeviceCa(),
                "admin", "admin-demo", plan, "the integration test's server");

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
        assertThat(result.server().storage()).containsEntry("fsync", "on").containsEntry("synchronous_commit", "on")
                .containsEntry("full_page_writes", "on").containsEntry("max_wal_size", "4GB");
        assertThat(result.server().pools()).as("the sizes it ran with, read from the running pools")
                .containsEntry("database connections (max)", connectionPoolSize)
                .containsEntry("request threads (max)", requestThreads)
                .containsEntry("requests at once on /mdm/server", 32);
        assertThat(result.server().cpuMeasured()).as("this server's JVM is visible in /proc").isTrue();
        assertThat(result.server().postgresCpuMeasured()).as("and so is its embedded PostgreSQL").isTrue();
        assertThat(result.phase("command channel").serverPostgresCpuMillis()).isPositive();
        assertThat(result.phase("command channel").serverCpuMillisPerItem()).isPositive();
        assertThat(result.phase("command channel").lagAtEnd()).containsKeys("device-history", "ledger");

        Path file = LoadReport.write(result, resultsDir);
        assertThat(file.getFileName().toString()).matches("load-\\d{4}-\\d{2}-\\d{2}-\\d{4}-20x3\\.md");
        assertThat(Files.readString(file)).contains("| commands queued (devices that polled) | 60 |",
                "| lost (no acknowledgement) | 0 |", "| duplicated acknowledgements | 0 |",
                "clean: zero errors, zero lost, zero duplicated", "| cores |", "| PostgreSQL |",
                "server CPU ms per item", "| database connections (max) | " + connectionPoolSize + " |");
        // the storage rows are what the server answers to SHOW, not a fixed sentence
        for (String setting : java.util.List.of("fsync", "synchronous_commit", "full_page_writes")) {
            assertThat(Files.readString(file)).contains("| " + setting + " | "
                    + jdbc.queryForObject("SHOW " + setting, String.class) + " |");
        }
    }

    @Test
    void the_load_command_line_runs_against_a_running_server_and_exits_0_when_clean(@TempDir Path resultsDir)
            throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = SimulatorCli.run(new String[] {"load", "--server", "http://127.0.0.1:" + PORT,
                "--pki-dir", pkiDir.toString(), "--devices", "4", "--commands", "2", "--concurrency", "4",
                "--key-pool", "2", "--max-minutes", "5", "--results-dir", resultsDir.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).as(out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("8 acknowledged exactly once", "CLEAN");
        try (Stream<Path> files = Files.list(resultsDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).singleElement().asString().endsWith("-4x2.md");
        }
    }

    @Test
    void the_load_command_line_adds_a_declarative_management_phase_through_the_admin_api(@TempDir Path resultsDir)
            throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = SimulatorCli.run(new String[] {"load", "--server", "http://127.0.0.1:" + PORT,
                "--pki-dir", pkiDir.toString(), "--devices", "2", "--commands", "1", "--concurrency", "2",
                "--key-pool", "2", "--not-now-rate", "0", "--max-minutes", "5", "--results-dir", resultsDir.toString(),
                "--ddm", "--ddm-failure-rate", "0"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed + err.toString(StandardCharsets.UTF_8)).isZero();
        // each of the two devices was assigned the set, synced it and reported status
        assertThat(printed).contains("declarative management").containsPattern("\\b([2-9]|[1-9]\\d+) DDM status reports")
                .contains("CLEAN");
    }

    @Test
    void a_server_that_cannot_be_reached_is_said_in_one_line_with_exit_code_2(@TempDir Path resultsDir) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = SimulatorCli.run(new String[] {"load", "--server", "http://127.0.0.1:1", "--pki-dir",
                pkiDir.toString(), "--devices", "2", "--results-dir", resultsDir.toString()},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot reach the server at http://127.0.0.1:1");
    }

    private long loadProfilesInstalled() {
        return jdbc.queryForObject("select count(*) from domainevententry where payloadtype = ? and"
                + " convert_from(payload, 'UTF8') like '%com.corp.load.%'", Long.class, ProfileInstalled.class.getName());
    }
}
