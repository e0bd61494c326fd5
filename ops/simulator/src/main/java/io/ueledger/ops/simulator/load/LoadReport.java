package io.ueledger.ops.simulator.load;

import io.ueledger.ops.simulator.RequestTimings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/** Writes a load run as a markdown file (tables and machine facts) and as a short console summary. */
public final class LoadReport {

    /** The targets, so every report says how far the run got. */
    static final double TARGET_RESULTS_PER_SECOND = 1_500;
    static final double TARGET_COMMAND_P99_MILLIS = 50;

    private LoadReport() {
    }

    /** Writes {@code load-<date>-<devices>x<commands>.md} into {@code dir} and returns its path. */
    public static Path write(LoadResult result, Path dir) {
        String date = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC).format(result.startedAt());
        Path file = dir.resolve("load-" + date + "-" + result.plan().devices() + "x"
                + result.plan().commandsPerDevice() + ".md");
        try {
            Files.createDirectories(dir);
            Files.writeString(file, markdown(result));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the load report " + file, e);
        }
    }

    public static String markdown(LoadResult r) {
        StringBuilder md = new StringBuilder();
        LoadPlan plan = r.plan();
        md.append("# Load run: ").append(plan.devices()).append(" devices × ").append(plan.commandsPerDevice())
                .append(" InstallProfile commands\n\n");
        md.append("Started ").append(r.startedAt()).append(". Server (embedded PostgreSQL) and simulated devices in")
                .append(" one JVM on one machine, so both share its cores.\n\n");
        md.append("| machine | |\n|---|---|\n");
        md.append("| cores | ").append(r.machine().cores()).append(" |\n");
        md.append("| Java | ").append(r.machine().java()).append(" |\n");
        md.append("| OS | ").append(r.machine().os()).append(" |\n");
        md.append("| PostgreSQL | ").append(r.machine().postgres()).append(" |\n");
        md.append("| load average at start / end | ").append(r.machine().loadText()).append(" / ")
                .append(f2(r.loadAverageAtEnd())).append(" |\n");
        md.append("| concurrency (devices talking at once) | ").append(plan.concurrency()).append(" |\n");
        md.append("| NotNow rate (first delivery) | ").append(f2(plan.notNowRate())).append(" |\n");
        md.append("| platforms | iOS, iPadOS, macOS, visionOS in turn |\n");
        md.append("| time limit | ").append(plan.timeLimit().toMinutes()).append(" min |\n\n");

        md.append("## Phases\n\n| phase | count | seconds | per second | events appended | events/s |\n")
                .append("|---|---:|---:|---:|---:|---:|\n");
        for (LoadResult.Phase p : r.phases()) {
            md.append("| ").append(p.name()).append(" | ").append(p.items()).append(' ').append(p.unit())
                    .append(" | ").append(f1(p.seconds())).append(" | ").append(f1(p.perSecond())).append(" | ")
                    .append(p.events()).append(" | ").append(f1(p.eventsPerSecond())).append(" |\n");
        }

        md.append("\n## Latency per endpoint (ms, as the devices saw it)\n\n")
                .append("| endpoint | requests | errors | p50 | p95 | p99 |\n|---|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, RequestTimings.Summary> e : r.latencies().entrySet()) {
            RequestTimings.Summary s = e.getValue();
            md.append("| ").append(e.getKey()).append(" | ").append(s.count()).append(" | ").append(s.errors())
                    .append(" | ").append(f1(s.p50Millis())).append(" | ").append(f1(s.p95Millis())).append(" | ")
                    .append(f1(s.p99Millis())).append(" |\n");
        }
        md.append("\n`web sign-in` is the whole browser part (challenge page, consent, IdP form, callback);")
                .append(" `checkin` counts Authenticate and TokenUpdate; `command` is one command-channel request")
                .append(" (a result plus the next command).\n");

        LoadResult.Checks c = r.checks();
        md.append("\n## Checks (read from the event store)\n\n| check | value |\n|---|---:|\n");
        md.append("| commands queued (devices that polled) | ").append(c.queued()).append(" |\n");
        md.append("| acknowledged exactly once (MdmCommandAcknowledged events) | ").append(c.acknowledgedOnce())
                .append(" |\n");
        md.append("| lost (no acknowledgement) | ").append(c.lost()).append(" |\n");
        md.append("| duplicated acknowledgements | ").append(c.duplicated()).append(" |\n");
        md.append("| Acknowledged / NotNow results sent by devices | ").append(c.acknowledgedResults()).append(" / ")
                .append(c.notNowResults()).append(" |\n");
        md.append("| failed enrollments / queueings / command channels | ").append(c.enrollmentFailures())
                .append(" / ").append(c.queueFailures()).append(" / ").append(c.channelFailures()).append(" |\n");
        md.append("| transport errors | ").append(c.transportErrors()).append(" |\n");
        md.append("| work skipped at the time limit | ").append(c.notRun()).append(" |\n");
        md.append("| verdict | ").append(c.clean() ? "clean: zero errors, zero lost, zero duplicated"
                : "NOT clean").append(" |\n");

        md.append("\n## Key generation\n\nOne RSA-2048 key took ").append(r.oneKeyGeneration().toMillis())
                .append(" ms on this machine; every device needs two (its built-in identity and its SCEP key). ");
        if (r.keyPool() > 0) {
            md.append("A pool of ").append(r.keyPool()).append(" keys was made before the timed phases (")
                    .append(f1(r.keyPoolGeneration().toMillis() / 1000.0)).append(" s) and shared out: a real fleet")
                    .append(" makes its keys on the devices, not on the server's cores. Every device still gets")
                    .append(" certificates of its own.\n");
        } else {
            md.append("Every device made its own keys inside the timed enrollment phase, on the server's cores.\n");
        }

        LoadResult.Phase channel = r.phase("command channel");
        RequestTimings.Summary command = r.latencies().get("command");
        md.append("\n## Against the targets\n\n| target | this run |\n|---|---|\n");
        md.append("| command channel ≥ ").append((int) TARGET_RESULTS_PER_SECOND).append(" results/s sustained | ")
                .append(f1(channel.perSecond())).append(" results/s |\n");
        md.append("| command p99 < ").append((int) TARGET_COMMAND_P99_MILLIS).append(" ms | ")
                .append(command == null ? "n/a" : f1(command.p99Millis()) + " ms").append(" |\n");
        md.append("| zero errors, zero lost or duplicated | ").append(c.clean() ? "yes" : "no").append(" |\n");

        if (!r.errorSamples().isEmpty()) {
            md.append("\n## First errors\n\n");
            r.errorSamples().forEach(e -> md.append("- ").append(e.replace("|", "\\|")).append('\n'));
        }
        return md.toString();
    }

    public static String summary(LoadResult r) {
        StringBuilder text = new StringBuilder();
        for (LoadResult.Phase p : r.phases()) {
            text.append(String.format(Locale.ROOT, "%-16s %8d %-31s %7.1f s %9.1f/s  events %8d (%.0f/s)%n",
                    p.name(), p.items(), p.unit(), p.seconds(), p.perSecond(), p.events(), p.eventsPerSecond()));
        }
        r.latencies().forEach((endpoint, s) -> text.append(String.format(Locale.ROOT,
                "%-16s %8d requests, %d errors, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms%n", endpoint, s.count(),
                s.errors(), s.p50Millis(), s.p95Millis(), s.p99Millis())));
        LoadResult.Checks c = r.checks();
        text.append(String.format(Locale.ROOT, "checks: %d queued, %d acknowledged exactly once, %d lost, %d"
                        + " duplicated, %d errors, %d skipped at the time limit: %s%n", c.queued(), c.acknowledgedOnce(),
                c.lost(), c.duplicated(), c.errors(), c.notRun(), c.clean() ? "CLEAN" : "NOT CLEAN"));
        return text.toString();
    }

    private static String f1(double value) {
        return String.format(Locale.ROOT, "%,.1f", value);
    }

    private static String f2(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
