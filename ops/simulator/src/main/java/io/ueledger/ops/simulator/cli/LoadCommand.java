package io.ueledger.ops.simulator.cli;

import io.ueledger.command.pki.Identity;
import io.ueledger.ops.simulator.load.AdminApiCommandQueue;
import io.ueledger.ops.simulator.load.ChildServer;
import io.ueledger.ops.simulator.load.AdminApiDeclarationPublisher;
import io.ueledger.ops.simulator.load.LoadPlan;
import io.ueledger.ops.simulator.load.LoadReport;
import io.ueledger.ops.simulator.load.LoadResult;
import io.ueledger.ops.simulator.load.LoadRun;
import io.ueledger.ops.simulator.load.ServerApi;
import io.ueledger.ops.simulator.load.ServerProbe;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * {@code load}: drives a bounded crowd of simulated devices against a server that runs in another process, so
 * that the server's CPU time is its own: by default a child JVM this command starts (fresh embedded PostgreSQL,
 * 127.0.0.1, free port, {@code --server-heap}), or with {@code --server URL} a server the user started (then
 * {@code --pki-dir} names its PKI folder and {@code --admin-user/--admin-password} an admin). Commands are queued
 * through the admin API and checked through the read API. Writes the results file and prints a summary.
 */
public final class LoadCommand {

    static final Set<String> OPTIONS = Set.of("devices", "commands", "concurrency", "not-now-rate", "key-pool",
            "max-minutes", "results-dir", "work-dir", "server", "pki-dir", "admin-user", "admin-password",
            "server-heap", "server-jvm-args", "ddm-failure-rate");
    /** {@code --ddm}: add the Declarative Device Management phase (assign a set, sync, report status). */
    static final Set<String> FLAGS = Set.of("ddm");

    private LoadCommand() {
    }

    /** @return whether the run was clean (zero errors, nothing lost or duplicated, nothing skipped) */
    public static boolean run(List<String> args, PrintStream out) {
        CliOptions options = CliOptions.parse(args, OPTIONS, FLAGS);
        LoadPlan plan = new LoadPlan(options.integer("devices", 1_000, 1, 20_000),
                options.integer("commands", 5, 0, 50), options.integer("concurrency", 32, 1, 256),
                options.fraction("not-now-rate", 0.05), options.integer("key-pool", 64, 0, 10_000),
                Duration.ofMinutes(options.integer("max-minutes", 20, 1, 120)), LoadPlan.demoAccounts());
        Path resultsDir = Path.of(options.get("results-dir", "ops/benchmarks/results"));
        boolean declarativePhase = options.has("ddm");
        double ddmFailureRate = options.fraction("ddm-failure-rate", 0.1);
        LoadResult result;
        if (options.has("server")) {
            URI server = CommonOptions.server(options);
            LedgerApi.Credentials admin = CommonOptions.admin(options);
            Identity ca = DeviceCaFiles.read(Path.of(options.get("pki-dir", CommonOptions.PKI_DIR)));
            out.println("Load run against the server at " + server + " ...");
            result = run(server, ca, admin.user(), admin.password(), plan, "a server started by the user at " + server,
                    declarativePhase, ddmFailureRate);
        } else {
            Path workDir = options.has("work-dir") ? Path.of(options.get("work-dir", null)) : null;
            String heap = options.get("server-heap", "1g");
            List<String> jvmArgs = options.has("server-jvm-args")
                    ? Arrays.asList(options.get("server-jvm-args", "").trim().split("\\s+")) : List.of();
            out.println("Starting a server in a JVM of its own (-Xmx" + heap + ", fresh embedded PostgreSQL,"
                    + " 127.0.0.1) ...");
            try (ChildServer server = ChildServer.start(workDir, heap, jvmArgs)) {
                result = run(server.uri(), DeviceCaFiles.read(server.pkiDir()), ChildServer.ADMIN_USER,
                        server.adminPassword(), plan, "a child JVM of the load runner (-Xmx" + heap
                                + (jvmArgs.isEmpty() ? "" : " " + String.join(" ", jvmArgs))
                                + ") with its own embedded PostgreSQL", declarativePhase, ddmFailureRate);
            }
        }
        Path file = LoadReport.write(result, resultsDir);
        out.print(LoadReport.summary(result));
        out.println("Results written to " + file);
        return result.checks().clean();
    }

    /** Creates the demo accounts, then runs the plan against the server; the server's own admin queues. */
    public static LoadResult run(URI server, Identity simulatedDeviceCa, String adminUser, String adminPassword,
                                 LoadPlan plan, String description) {
        return run(server, simulatedDeviceCa, adminUser, adminPassword, plan, description, false, 0.0);
    }

    /** The same, with the optional Declarative Device Management phase. */
    public static LoadResult run(URI server, Identity simulatedDeviceCa, String adminUser, String adminPassword,
                                 LoadPlan plan, String description, boolean declarativePhase, double ddmFailureRate) {
        LedgerApi api = new LedgerApi(server);
        LedgerApi.Credentials admin = new LedgerApi.Credentials(adminUser, adminPassword);
        for (LoadPlan.Account account : plan.accounts()) {
            api.createAccount(account.email(), CommonOptions.displayName(account.email()), admin);
            api.requireActiveAccount(account.email(), admin, Duration.ofSeconds(30));
        }
        // One password check for the token instead of one per admin call (bcrypt, ~150 ms of server CPU each).
        try (ServerApi serverApi = ServerApi.withApiToken(server, adminUser, adminPassword,
                "load-runner-" + Instant.now().getEpochSecond())) {
            LoadRun run = new LoadRun(server, simulatedDeviceCa, new AdminApiCommandQueue(serverApi),
                    new ServerProbe(serverApi), description + "; admin and read API calls with an API token"
                            + " (Authorization: Bearer) the runner created with the admin's password and revoked"
                            + " at the end");
            if (declarativePhase) {
                run.withDeclarativePhase(new AdminApiDeclarationPublisher(serverApi), ddmFailureRate);
            }
            return run.run(plan);
        }
    }
}
