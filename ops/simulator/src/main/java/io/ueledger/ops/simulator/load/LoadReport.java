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
    static final double TARGET_RESULTS_PER_SECOND = 1_000;
    static final double TARGET_COMMAND_P99_MILLIS = 50;
    static final double TARGET_CPU_MILLIS_PER_RESULT = 1.0;
    static final double TARGET_ENROLLMENTS_PER_SECOND = 20;

    private LoadReport() {
    }

    /** Writes {@code load-<date>-<hhmm>-<devices>x<commands>.md} (one file per run) into {@code dir}; its path. */
    public static Path write(LoadResult result, Path dir) {
        String date = DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm").withZone(ZoneOffset.UTC)
                .format(result.startedAt());
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
        LoadResult.ServerSide server = r.server();
        md.append("Started ").append(r.startedAt()).append(". Server under test: ").append(server.description())
                .append(". The simulated devices run in the load runner's own JVM on the same machine, so both share")
                .append(" its cores; the server's CPU time is read from /proc for its JVM and its PostgreSQL")
                .append(" processes over each phase.\n\n");
        md.append("## Storage settings (read from the server with SHOW)\n\n| setting | value |\n|---|---|\n");
        server.storage().forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        md.append('\n');
        if (!server.pools().isEmpty()) {
            md.append("## Pool sizes (read from the server)\n\n| pool | size |\n|---|---:|\n");
            server.pools().forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
            md.append('\n');
        }
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
        md.append("\n## Server cost per phase (CPU time of the server JVM and its PostgreSQL processes)\n\n")
                .append("| phase | server JVM CPU ms | PostgreSQL CPU ms | server CPU ms per item | heap after GC |")
                .append(" processor lag at phase end (events) |\n|---|---:|---:|---:|---:|---|\n");
        for (LoadResult.Phase p : r.phases()) {
            md.append("| ").append(p.name()).append(" | ").append(measured(p.serverJvmCpuMillis())).append(" | ")
                    .append(measured(p.serverPostgresCpuMillis())).append(" | ")
                    .append(p.serverCpuMillisPerItem() < 0 ? "not measured" : f2(p.serverCpuMillisPerItem()))
                    .append(" | ").append(mib(p.heapAfterGcBytes())).append(" | ").append(lag(p.lagAtEnd()))
                    .append(" |\n");
        }
        md.append("\nServer heap after GC at the end: ").append(mib(server.heapAfterGcBytes())).append(" of ")
                .append(mib(server.heapMaxBytes())).append(" max; processor lag once the checks began: ")
                .append(lag(server.processorLagAtEnd())).append(".");
        if (!server.cpuMeasured()) {
            md.append(" The server's processes are not visible from the load runner (another machine): CPU not")
                    .append(" measured.");
        } else if (!server.postgresCpuMeasured()) {
            md.append(" PostgreSQL's processes are not visible (external database): CPU counts the JVM only.");
        }
        md.append('\n');

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
        md.append("\n## Checks (read through the read API: each device's history)\n\n| check | value |\n|---|---:|\n");
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
        md.append("| server CPU ≤ ").append(f1(TARGET_CPU_MILLIS_PER_RESULT)).append(" ms per command-channel result | ")
                .append(channel.serverCpuMillisPerItem() < 0 ? "not measured" : f2(channel.serverCpuMillisPerItem())
                        + " ms").append(" |\n");
        LoadResult.Phase enrollment = r.phase("enrollment");
        md.append("| ≥ ").append((int) TARGET_ENROLLMENTS_PER_SECOND).append(" devices enrolled/s | ")
                .append(f1(enrollment.perSecond())).append(" devices/s (server CPU ")
                .append(enrollment.serverCpuMillisPerItem() < 0 ? "not measured"
                        : f1(enrollment.serverCpuMillisPerItem()) + " ms per enrollment").append(") |\n");
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
            text.append(String.format(Locale.ROOT, "%-16s %8d %-31s %7.1f s %9.1f/s  events %8d (%.0f/s)"
                            + "  server CPU %.2f ms each%n", p.name(), p.items(), p.unit(), p.seconds(), p.perSecond(),
                    p.events(), p.eventsPerSecond(), p.serverCpuMillisPerItem()));
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

    private static String measured(long millis) {
        return millis < 0 ? "not measured" : String.format(Locale.ROOT, "%,d", millis);
    }

    private static String mib(long bytes) {
        return bytes <= 0 ? "n/a" : String.format(Locale.ROOT, "%,.0f MiB", bytes / 1048576.0);
    }

    private static String lag(Map<String, Long> lags) {
        if (lags == null || lags.isEmpty()) {
            return "n/a";
        }
        StringBuilder text = new StringBuilder();
        lags.forEach((name, value) -> text.append(text.length() == 0 ? "" : ", ").append(name).append(' ')
                .append(value));
        return text.toString();
    }

    private static String f1(double value) {
        return String.format(Locale.ROOT, "%,.1f", value);
    }

    private static String f2(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
