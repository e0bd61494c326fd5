package io.ueledger.ops.simulator;

import io.ueledger.ops.simulator.cli.CliFailure;
import io.ueledger.ops.simulator.cli.EnrollCommand;
import io.ueledger.ops.simulator.cli.LoadCommand;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The device simulator's command line. A plain {@code main}: {@code enroll} talks to a running server over
 * HTTP only; {@code load} starts a server in a JVM of its own (or uses {@code --server}). Run it from the built jar with
 * {@code java -cp ops/server/target/ue-ledger.jar -Dloader.main=io.ueledger.ops.simulator.SimulatorCli
 * org.springframework.boot.loader.launch.PropertiesLauncher enroll ...}.
 */
public final class SimulatorCli {

    static final String USAGE = """
            usage: SimulatorCli enroll [--server http://127.0.0.1:8080] [--platform iOS|iPadOS|macOS|visionOS]
                                       [--os 18.2] [--user alice@corp.example] [--password alice-demo]
                                       [--pki-dir data/pki] [--create-account]
                                       [--admin-user admin] [--admin-password admin-demo]
                                       [--compliance-user compliance] [--compliance-password compliance-demo]
                   SimulatorCli load   [--devices 1000] [--commands 5] [--concurrency 32] [--not-now-rate 0.05]
                                       [--key-pool 64] [--max-minutes 20] [--results-dir ops/benchmarks/results]
                                       [--work-dir <folder for the run's own server>] [--server-heap 1g]
                                       [--server-jvm-args "<more JVM options for that server>"]
                                       [--server http://127.0.0.1:8080 --pki-dir data/pki
                                        --admin-user admin --admin-password admin-demo]""";

    private SimulatorCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** @return the exit code: 0 done, 1 a load run that was not clean, 2 a reason printed on {@code err} */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || List.of("-h", "--help", "help").contains(args[0])) {
            (args.length == 0 ? err : out).println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            return switch (args[0]) {
                case "enroll" -> {
                    EnrollCommand.run(rest, out);
                    yield 0;
                }
                case "load" -> LoadCommand.run(rest, out) ? 0 : 1;
                default -> throw new CliFailure("unknown subcommand '" + args[0] + "'; use enroll or load");
            };
        } catch (CliFailure | io.ueledger.ops.simulator.load.LoadServerUnavailable e) {
            err.println("simulator: " + e.getMessage());
            return 2;
        }
    }
}
