package io.ueledger.ops.simulator.cli;

import io.ueledger.command.ddm.DeclarationAssigner;
import io.ueledger.ops.simulator.load.InProcessDeclarationPublisher;
import io.ueledger.ops.simulator.load.LoadPlan;
import io.ueledger.ops.simulator.load.LoadReport;
import io.ueledger.ops.simulator.load.LoadResult;
import io.ueledger.ops.simulator.load.LoadRun;
import io.ueledger.ops.simulator.load.LocalServer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * {@code load}: starts a server of its own in this process (fresh embedded PostgreSQL, 127.0.0.1, free port),
 * runs a bounded load against it, writes the results file and prints a summary. It never loads a server
 * someone else runs: it queues commands inside the server's process and reads its event store to check them.
 */
public final class LoadCommand {

    static final Set<String> OPTIONS = Set.of("devices", "commands", "concurrency", "not-now-rate", "key-pool",
            "max-minutes", "results-dir", "work-dir", "server", "ddm-failure-rate");
    /** {@code --ddm}: add the Declarative Device Management phase (assign a set, sync, report status). */
    static final Set<String> FLAGS = Set.of("ddm");

    private LoadCommand() {
    }

    /** @return whether the run was clean (zero errors, nothing lost or duplicated, nothing skipped) */
    public static boolean run(List<String> args, PrintStream out) {
        CliOptions options = CliOptions.parse(args, OPTIONS, FLAGS);
        if (options.has("server")) {
            throw new CliFailure("load starts a server of its own on 127.0.0.1 (it must queue commands and read the"
                    + " event store); leave out --server");
        }
        if (!LocalServer.serverOnClasspath()) {
            throw new CliFailure("load starts the server in this process: run the simulator from the server's jar"
                    + " (ops/server/target/ue-ledger.jar)");
        }
        LoadPlan plan = new LoadPlan(options.integer("devices", 1_000, 1, 20_000),
                options.integer("commands", 5, 0, 50), options.integer("concurrency", 32, 1, 256),
                options.fraction("not-now-rate", 0.05), options.integer("key-pool", 64, 0, 10_000),
                Duration.ofMinutes(options.integer("max-minutes", 20, 1, 120)), LoadPlan.demoAccounts());
        Path resultsDir = Path.of(options.get("results-dir", "ops/benchmarks/results"));
        Path workDir = options.has("work-dir") ? Path.of(options.get("work-dir", null)) : null;

        out.println("Starting a server of its own on 127.0.0.1 with a fresh embedded PostgreSQL ...");
        try (LocalServer server = LocalServer.start(workDir)) {
            LoadResult result = run(server, plan, options.has("ddm"), options.fraction("ddm-failure-rate", 0.1));
            Path file = LoadReport.write(result, resultsDir);
            out.print(LoadReport.summary(result));
            out.println("Results written to " + file);
            return result.checks().clean();
        }
    }

    static LoadResult run(LocalServer server, LoadPlan plan) {
        return run(server, plan, false, 0.0);
    }

    static LoadResult run(LocalServer server, LoadPlan plan, boolean declarativePhase, double ddmFailureRate) {
        LedgerApi api = new LedgerApi(server.uri());
        LedgerApi.Credentials admin = new LedgerApi.Credentials("admin", "admin-demo");
        for (LoadPlan.Account account : plan.accounts()) {
            api.createAccount(account.email(), CommonOptions.displayName(account.email()), admin);
            api.requireActiveAccount(account.email(), admin, Duration.ofSeconds(30));
        }
        var run = new LoadRun(server.uri(), server.simulatedDeviceCa(), server.commandQueue(), server.ledger());
        if (declarativePhase) {
            run.withDeclarativePhase(new InProcessDeclarationPublisher(server.bean(DeclarationAssigner.class)),
                    ddmFailureRate);
        }
        return run.run(plan);
    }
}
