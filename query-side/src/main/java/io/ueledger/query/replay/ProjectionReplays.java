package io.ueledger.query.replay;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Rebuilds views on an admin's request: for each view, shut its tracking processor down, reset its
 * tokens (its {@code @ResetHandler} empties the tables in the same transaction as the replay
 * tokens), and start it again; then follow its progress until it has passed the head of the event
 * store as it was when the rebuild started.
 *
 * <p>Only views of {@link RebuildableViews} are ever reset. Side-effect handlers never run during
 * the replay because they sit in processors of their own that are not reset (and are marked
 * {@code @DisallowReplay} as well). This coordinates rebuilds on this node: with several nodes,
 * ask one node, and the others must not hold segments of the view (see README, "Replays").
 */
@Component
public class ProjectionReplays implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ProjectionReplays.class);
    private static final long PROGRESS_LOG_SECONDS = 5;
    private static final long WAIT_SECONDS = 30;

    private final EventProcessingConfiguration processing;
    private final EventStore events;
    private final Clock clock;
    private final ViewReleases releases;
    private final Map<String, Replay> replays = new LinkedHashMap<>();
    private final ScheduledExecutorService progressLog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "replay-progress");
        thread.setDaemon(true);
        return thread;
    });

    public ProjectionReplays(EventProcessingConfiguration processing, EventStore events, Optional<Clock> clock,
            ViewReleases releases) {
        this.releases = releases;
        this.processing = processing;
        this.events = events;
        this.clock = clock.orElse(Clock.systemUTC());
        progressLog.scheduleAtFixedRate(this::logProgress, PROGRESS_LOG_SECONDS, PROGRESS_LOG_SECONDS,
                TimeUnit.SECONDS);
    }

    /** One rebuild request: the views it resets. */
    private record Replay(String id, String projection, String requestedBy, Instant startedAt,
                          List<ViewRebuild> views) {
    }

    /**
     * Starts rebuilding the named view, or every view for "all". Refused, with nothing reset, when
     * the name is not a rebuildable view or when one of the views is being rebuilt already.
     */
    public synchronized ReplayStatus start(String projection, String requestedBy) {
        List<String> views = RebuildableViews.resolve(projection);
        for (String view : views) {
            running(view).ifPresent(running -> {
                throw new RebuildAlreadyRunning(view, running.id());
            });
        }
        Map<String, StreamingEventProcessor> processors = new LinkedHashMap<>();
        for (String view : views) {
            processors.put(view, processor(view).orElseThrow(() -> new RebuildRefused(
                    view + " has no streaming processor on this server, so it cannot be rebuilt here")));
        }
        long first = position(events.createTailToken()) + 1;
        long target = position(events.createHeadToken());
        String id = UUID.randomUUID().toString();
        List<ViewRebuild> rebuilds = new ArrayList<>();
        for (String view : views) {
            ViewRebuild rebuild = new ViewRebuild(view, first, target, clock);
            rebuilds.add(rebuild);
            reset(processors.get(view), rebuild);
        }
        Replay replay = new Replay(id, projection.trim(), requestedBy, clock.instant(), List.copyOf(rebuilds));
        replays.put(id, replay);
        log.info("Rebuild {} of {} requested by {}: {} started over global indexes {}..{}", id, views, requestedBy,
                views.size() == 1 ? "view" : "views", first, target);
        return status(replay);
    }

    public synchronized ReplayStatus status(String id) {
        Replay replay = replays.get(id);
        if (replay == null) {
            throw new UnknownReplay(id);
        }
        return status(replay);
    }

    /** Every rebuild since this node started, newest first. */
    public synchronized List<ReplayStatus> all() {
        List<ReplayStatus> all = new ArrayList<>(replays.values().stream().map(this::status).toList());
        Collections.reverse(all);
        return all;
    }

    /** The progress of the view's running rebuild, if one is running. */
    public synchronized Optional<ViewProgress> rebuilding(String view) {
        return running(view).flatMap(replay -> replay.views().stream()
                .filter(v -> v.view().equals(view))
                .findFirst()
                .map(v -> v.progress(processor(view).orElseThrow(), head()))
                .filter(progress -> progress.state() != ReplayState.DONE));
    }

    private void reset(StreamingEventProcessor processor, ViewRebuild rebuild) {
        try {
            // the reset needs every segment: other nodes of the fleet let go of the view first
            if (!releases.requestFromOtherNodes(rebuild.view(), java.time.Duration.ofSeconds(WAIT_SECONDS))) {
                throw new IllegalStateException("other nodes still hold segments of " + rebuild.view()
                        + " after " + WAIT_SECONDS + " s");
            }
            // STACK-NOTES trap 5: a shut-down while the processor is still starting can leave it idle for ever
            awaitRunning(processor);
            processor.shutdownAsync().get(WAIT_SECONDS, TimeUnit.SECONDS);
            processor.resetTokens();
            processor.start();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed(processor, rebuild, e);
        } catch (Exception e) {
            failed(processor, rebuild, e);
        }
    }

    private void failed(StreamingEventProcessor processor, ViewRebuild rebuild, Exception e) {
        log.warn("Rebuild of {} could not reset its processor: {}", rebuild.view(), e.toString());
        rebuild.resetFailed(e);
        releases.giveBack(rebuild.view());
        if (!processor.isRunning()) {
            processor.start(); // keep the view following the stream, on its old tokens
        }
    }

    private static void awaitRunning(StreamingEventProcessor processor) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!processor.isRunning() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private Optional<Replay> running(String view) {
        return replays.values().stream()
                .filter(replay -> replay.views().stream().anyMatch(v -> v.view().equals(view) && isRunning(v)))
                .findFirst();
    }

    /** Running until its processor was seen past the target: asking for progress is what notices. */
    private boolean isRunning(ViewRebuild rebuild) {
        if (!rebuild.isRunning()) {
            return false;
        }
        processor(rebuild.view()).ifPresent(p -> rebuild.progress(p, head()));
        return rebuild.isRunning();
    }

    private ReplayStatus status(Replay replay) {
        long head = head();
        List<ViewProgress> views = replay.views().stream()
                .map(v -> v.progress(processor(v.view()).orElseThrow(), head))
                .toList();
        ReplayState state = views.stream().anyMatch(v -> v.state() == ReplayState.FAILED) ? ReplayState.FAILED
                : views.stream().allMatch(v -> v.state() == ReplayState.DONE) ? ReplayState.DONE
                : ReplayState.RUNNING;
        int percent = views.stream().mapToInt(ViewProgress::percentDone).min().orElse(100);
        return new ReplayStatus(replay.id(), replay.projection(), replay.requestedBy(), state, replay.startedAt(),
                percent, views);
    }

    private synchronized void logProgress() {
        try {
            for (Replay replay : replays.values()) {
                for (ViewRebuild view : replay.views()) {
                    if (!view.isRunning()) {
                        if (view.firstTimeFinishedSeen()) {
                            releases.giveBack(view.view()); // other nodes run the view again
                        }
                        continue;
                    }
                    releases.hold(view.view()); // other nodes keep off until it is done
                    ViewProgress p = view.progress(processor(view.view()).orElseThrow(), head());
                    log.info("Rebuild {} {}: {} at global index {} of {} ({}%), {} events/s, ETA {} s", replay.id(),
                            p.view(), p.state(), p.currentPosition(), p.targetPosition(), p.percentDone(),
                            p.eventsPerSecond(), p.etaSeconds() == null ? "?" : p.etaSeconds());
                }
            }
        } catch (RuntimeException e) {
            log.warn("Could not log rebuild progress: {}", e.toString());
        }
    }

    private Optional<StreamingEventProcessor> processor(String view) {
        return processing.eventProcessor(view, StreamingEventProcessor.class);
    }

    private long head() {
        return position(events.createHeadToken());
    }

    private static long position(TrackingToken token) {
        return token == null ? -1 : ViewRebuild.positionOr(token.position(), -1);
    }

    @Override
    public void destroy() {
        progressLog.shutdownNow();
    }
}
