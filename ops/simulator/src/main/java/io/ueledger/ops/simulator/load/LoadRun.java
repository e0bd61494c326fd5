package io.ueledger.ops.simulator.load;

import io.ueledger.command.pki.CertificateMaker;
import io.ueledger.command.pki.Identity;
import io.ueledger.kernel.device.Platform;
import io.ueledger.ops.simulator.DeviceSpec;
import io.ueledger.ops.simulator.RequestTimings;
import io.ueledger.ops.simulator.SimulatedDevice;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded crowd of simulated devices against one server: all enroll end to end, then each gets a burst
 * of InstallProfile commands, polls its command channel (sometimes answering NotNow first) until it has
 * carried them all out, and the event store is checked for every command acknowledged exactly once.
 * Each phase is timed on its own; a fixed thread pool bounds the devices talking at once, and the run
 * stops starting new work when its time limit is reached.
 */
public class LoadRun {

    private static final Logger log = LoggerFactory.getLogger(LoadRun.class);
    private static final Platform[] PLATFORMS = Platform.values();
    private static final int MAX_POLLS = 20;
    private static final int ERROR_SAMPLES = 10;

    private final URI server;
    private final Identity simulatedDeviceCa;
    private final MdmCommandQueue queue;
    private final ServerProbe probe;
    private final String serverDescription;

    private DeclarationPublisher declarations;
    private double declarativeFailureRate;

    /**
     * @param serverDescription how the server under test runs (a child JVM of this run, or one the user started),
     *                          for the results file
     */
    public LoadRun(URI server, Identity simulatedDeviceCa, MdmCommandQueue queue, ServerProbe probe,
                   String serverDescription) {
        this.server = server;
        this.simulatedDeviceCa = simulatedDeviceCa;
        this.queue = queue;
        this.probe = probe;
        this.serverDescription = serverDescription;
    }

    /**
     * Adds a fourth phase: every device is assigned a declaration set, syncs it over Declarative
     * Device Management and reports status; {@code failureRate} of its configurations are reported
     * as not applied.
     */
    public LoadRun withDeclarativePhase(DeclarationPublisher publisher, double failureRate) {
        this.declarations = publisher;
        this.declarativeFailureRate = failureRate;
        return this;
    }

    /** A device that finished enrolling, with the enrollment the server filed it under. */
    private record Enrolled(int number, SimulatedDevice device, String ref, List<String> commandUuids,
                            java.util.concurrent.atomic.AtomicBoolean polled) {
    }

    public LoadResult run(LoadPlan plan) {
        Instant startedAt = Instant.now();
        Instant deadline = startedAt.plus(plan.timeLimit());
        ServerProbe.Snapshot first = probe.facts();
        ServerCpu cpu = new ServerCpu(first.jvmPid(), first.postgresPid());
        MachineFacts machine = MachineFacts.now(first.storage().getOrDefault("server_version", "unknown"));
        Duration oneKey = DeviceKeys.timeOneKey(3);
        DeviceKeys keys = plan.keyPool() > 0 ? DeviceKeys.pool(plan.keyPool()) : DeviceKeys.fresh();
        log.info("Load run: {} devices x {} commands, concurrency {}; one RSA key {} ms, pool of {} made in {} s",
                plan.devices(), plan.commandsPerDevice(), plan.concurrency(), oneKey.toMillis(), keys.poolSize(),
                keys.poolGeneration().toSeconds());

        RequestTimings timings = new RequestTimings();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
        CertificateMaker maker = new CertificateMaker(Clock.systemUTC());
        Failures failures = new Failures();
        AtomicLong notRun = new AtomicLong();
        List<LoadResult.Phase> phases = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(plan.concurrency());
        try {
            // 1. enrollment, end to end
            List<SimulatedDevice> signedUp = Collections.synchronizedList(new ArrayList<>());
            phases.add(timed("enrollment", "devices enrolled", () -> signedUp.size(), cpu, pool, plan.devices(), deadline,
                    notRun, i -> () -> {
                        Platform platform = PLATFORMS[i % PLATFORMS.length];
                        LoadPlan.Account account = plan.accounts().get(i % plan.accounts().size());
                        SimulatedDevice device = new SimulatedDevice(server,
                                DeviceSpec.of(platform, osVersion(platform), account.email(), account.password()),
                                keys.deviceIdentity(simulatedDeviceCa, maker), maker, http, timings,
                                plan.notNowRate(), keys);
                        try {
                            device.enroll();
                            signedUp.add(device);
                        } catch (RuntimeException e) {
                            failures.enrollment(platform + " device " + i, e);
                        }
                    }));
            // the registry (read API) names the enrollment each device was filed under
            Map<String, String> refs = probe.enrollmentRefs(
                    signedUp.stream().map(SimulatedDevice::enrollmentId).toList(), Duration.ofMinutes(5));
            List<Enrolled> enrolled = new ArrayList<>();
            for (int n = 0; n < signedUp.size(); n++) {
                SimulatedDevice device = signedUp.get(n);
                String ref = refs.get(device.enrollmentId().toUpperCase(java.util.Locale.ROOT));
                if (ref == null) {
                    failures.enrollment("device " + device.enrollmentId(), new IllegalStateException(
                            "enrolled, but the enrollment registry does not list it"));
                } else {
                    enrolled.add(new Enrolled(n, device, ref, Collections.synchronizedList(new ArrayList<>()),
                            new java.util.concurrent.atomic.AtomicBoolean()));
                }
            }

            // 2. a burst of InstallProfile commands for every enrolled device
            List<Enrolled> devices = List.copyOf(enrolled);
            AtomicLong queued = new AtomicLong();
            phases.add(timed("queueing", "InstallProfile commands queued", queued::get, cpu, pool, devices.size(),
                    deadline, notRun, i -> () -> {
                        Enrolled device = devices.get(i);
                        try {
                            for (int k = 0; k < plan.commandsPerDevice(); k++) {
                                device.commandUuids().add(queue.installProfile(device.ref(),
                                        "com.corp.load." + device.number() + "." + k));
                                queued.incrementAndGet();
                            }
                        } catch (RuntimeException e) {
                            failures.queue("device " + device.number(), e);
                        }
                    }));

            // 3. the command channel: poll until every command was carried out
            AtomicLong acknowledged = new AtomicLong();
            AtomicLong results = new AtomicLong();
            phases.add(timed("command channel", "command results reported", results::get, cpu, pool, devices.size(),
                    deadline, notRun, i -> () -> {
                        Enrolled device = devices.get(i);
                        device.polled().set(true);
                        try {
                            for (int polls = 0; polls < MAX_POLLS
                                    && device.device().state().profiles().size() < device.commandUuids().size();
                                    polls++) {
                                results.addAndGet(device.device().poll().size());
                            }
                            int installed = device.device().state().profiles().size();
                            acknowledged.addAndGet(installed);
                            if (installed != device.commandUuids().size()) {
                                failures.channel("device " + device.number() + " carried out " + installed + " of "
                                        + device.commandUuids().size() + " commands in " + MAX_POLLS + " polls", null);
                            }
                        } catch (RuntimeException e) {
                            failures.channel("device " + device.number(), e);
                        }
                    }));

            // 4. (optional) Declarative Device Management: assign a set, the device syncs and reports status
            if (declarations != null) {
                AtomicLong statusReports = new AtomicLong();
                phases.add(timed("declarative management", "DDM status reports", statusReports::get, cpu, pool,
                        devices.size(), deadline, notRun, i -> () -> {
                            Enrolled device = devices.get(i);
                            try {
                                device.device().declarativeFailureRate(declarativeFailureRate);
                                declarations.assign(device.ref());
                                device.device().poll();
                                statusReports.addAndGet(device.device().declarative().statusReportsSent());
                                if (device.device().declarative().statusReportsSent() == 0) {
                                    failures.channel("device " + device.number() + " sent no DDM status report",
                                            null);
                                }
                            } catch (RuntimeException e) {
                                failures.channel("device " + device.number() + " (DDM)", e);
                            }
                        }));
            }

            // commands of devices the time limit kept from polling were never offered: counted as skipped, not lost
            List<Enrolled> polled = devices.stream().filter(d -> d.polled().get()).toList();
            List<String> allUuids = polled.stream().flatMap(d -> d.commandUuids().stream()).toList();
            ServerProbe.Snapshot last = probe.awaitCaughtUp(Duration.ofMinutes(5));
            // the read views may still be a moment behind (another node's segments, a batch in flight): a
            // command counts as lost only when its acknowledgement is still missing after a minute of asking
            Map<String, Long> acks = acknowledgements(polled, pool);
            Instant readPatience = Instant.now().plus(Duration.ofMinutes(1));
            while (allUuids.stream().anyMatch(u -> !acks.containsKey(u)) && Instant.now().isBefore(readPatience)) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                acks.clear();
                acks.putAll(acknowledgements(polled, pool));
            }
            long once = acks.values().stream().filter(c -> c == 1).count();
            long lost = allUuids.stream().filter(u -> !acks.containsKey(u)).count();
            long duplicated = acks.values().stream().mapToLong(c -> Math.max(0, c - 1)).sum();
            LoadResult.Checks checks = new LoadResult.Checks(allUuids.size(), once, lost, duplicated,
                    acknowledged.get(), results.get() - acknowledged.get(), failures.enrollment.get(),
                    failures.queue.get(), failures.channel.get(), notRun.get(), timings.errors());
            LoadResult.ServerSide serverSide = new LoadResult.ServerSide(serverDescription, first.storage(), first.pools(),
                    cpu.measurable(), cpu.postgresMeasured(), last.heapAfterGcBytes(), last.heapMaxBytes(),
                    last.processorLag());
            return new LoadResult(plan, startedAt, machine, MachineFacts.currentLoadAverage(), oneKey, keys.poolSize(),
                    keys.poolGeneration(), phases, timings.summary(), checks, failures.samples(), serverSide);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs {@code count} tasks on the pool and waits for them; work not begun before the deadline is skipped. */
    private LoadResult.Phase timed(String name, String unit, java.util.function.LongSupplier items, ServerCpu cpu,
                                   ExecutorService pool, int count, Instant deadline, AtomicLong notRun,
                                   IntFunction<Runnable> task) {
        long eventsBefore = probe.facts().eventsStored();
        long jvmBefore = cpu.jvmMillis();
        long postgresBefore = cpu.postgresMillis();
        long started = System.nanoTime();
        List<java.util.concurrent.Future<?>> futures = new ArrayList<>(count);
        AtomicLong done = new AtomicLong();
        long tenth = Math.max(1, count / 10);
        for (int i = 0; i < count; i++) {
            Runnable work = task.apply(i);
            futures.add(pool.submit(() -> {
                if (Instant.now().isAfter(deadline)) {
                    notRun.incrementAndGet();
                    return;
                }
                work.run();
                long finished = done.incrementAndGet();
                if (finished % tenth == 0) { // a long run shows it is alive and how fast it goes
                    log.info("Load phase {}: {} of {} done after {} s", name, finished, count,
                            (System.nanoTime() - started) / 1_000_000_000);
                }
            }));
        }
        for (java.util.concurrent.Future<?> future : futures) {
            try {
                future.get(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()) + 60_000,
                        TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                future.cancel(true);
                notRun.incrementAndGet();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long jvm = jvmBefore < 0 ? -1 : cpu.jvmMillis() - jvmBefore;
        long postgres = postgresBefore < 0 ? -1 : cpu.postgresMillis() - postgresBefore;
        ServerProbe.Snapshot after = probe.facts();
        long events = after.eventsStored() - eventsBefore;
        log.info("Load phase {}: {} {} in {} s, server CPU {} ms (JVM) + {} ms (PostgreSQL), lag at end {}", name,
                items.getAsLong(), unit, String.format("%.1f", seconds), jvm, postgres, after.processorLag());
        return new LoadResult.Phase(name, items.getAsLong(), unit, seconds, events, jvm, postgres,
                after.processorLag(), after.heapAfterGcBytes());
    }

    /** How many acknowledgements each command has in its device's history (read API), devices read in parallel. */
    private Map<String, Long> acknowledgements(List<Enrolled> devices, ExecutorService pool) {
        Map<String, Long> counts = new java.util.concurrent.ConcurrentHashMap<>();
        List<java.util.concurrent.Future<?>> reads = new ArrayList<>();
        for (Enrolled device : devices) {
            reads.add(pool.submit(() -> probe.acknowledgements(device.ref())
                    .forEach(uuid -> counts.merge(uuid, 1L, Long::sum))));
        }
        for (java.util.concurrent.Future<?> read : reads) {
            try {
                read.get(5, TimeUnit.MINUTES);
            } catch (Exception e) {
                throw new IllegalStateException("reading a device's history failed: " + e, e);
            }
        }
        return counts;
    }

    static String osVersion(Platform platform) {
        return switch (platform) {
            case IOS -> "18.2";
            case IPADOS -> "17.5";
            case MACOS -> "15.1";
            case VISIONOS -> "2.1";
        };
    }

    /** Failure counts per phase and the first few messages, so a report says what went wrong. */
    private static final class Failures {

        final AtomicLong enrollment = new AtomicLong();
        final AtomicLong queue = new AtomicLong();
        final AtomicLong channel = new AtomicLong();
        private final List<String> samples = Collections.synchronizedList(new ArrayList<>());

        void enrollment(String what, Exception e) {
            enrollment.incrementAndGet();
            sample("enrollment of " + what, e);
        }

        void queue(String what, Exception e) {
            queue.incrementAndGet();
            sample("queueing for " + what, e);
        }

        void channel(String what, Exception e) {
            channel.incrementAndGet();
            sample("command channel of " + what, e);
        }

        private void sample(String what, Exception e) {
            String message = what + (e == null ? "" : ": " + String.valueOf(e.getMessage()).lines().findFirst()
                    .orElse(e.getClass().getSimpleName()));
            if (samples.size() < ERROR_SAMPLES) {
                samples.add(message);
            }
            log.warn("Load run: {}", message);
        }

        List<String> samples() {
            return List.copyOf(samples);
        }
    }
}
