package io.ueledger.query.replay;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Lets a rebuild started on one node have every segment of its view while other nodes run: the
 * rebuilding node asks for the view in {@code view_release} (Flyway V154); every other node stops
 * its processor of that view (releasing its segment claims) within a second and starts it again
 * once the rebuild is done (the rebuilding node reads its progress from the segments it holds, so it
 * holds them all until then) and the request is gone. A request older than
 * {@link #EXPIRY} is ignored, so a node that died while rebuilding cannot stop a view for ever.
 */
@Component
public class ViewReleases {

    private static final Logger log = LoggerFactory.getLogger(ViewReleases.class);
    static final Duration EXPIRY = Duration.ofMinutes(2);

    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;
    /** The owner name Axon's JdbcTokenStore writes for this node by default. */
    private final String node = ManagementFactory.getRuntimeMXBean().getName();
    private final Set<String> pausedHere = new HashSet<>();

    ViewReleases(JdbcTemplate jdbc, EventProcessingConfiguration processing) {
        this.jdbc = jdbc;
        this.processing = processing;
    }

    /** Asks the other nodes to let go of the view; @return whether they did within {@code patience} */
    boolean requestFromOtherNodes(String view, Duration patience) throws InterruptedException {
        hold(view);
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (segmentsHeldElsewhere(view) == 0) {
                return true;
            }
            Thread.sleep(100);
        }
        return segmentsHeldElsewhere(view) == 0;
    }

    /** Asks for (or, while the rebuild runs, renews the request for) every segment of the view. */
    void hold(String view) {
        jdbc.update("""
                insert into view_release (view_name, requested_by, requested_at) values (?, ?, now())
                on conflict (view_name) do update set requested_by = excluded.requested_by, requested_at = now()""",
                view, node);
    }

    /** The rebuild is done (or failed): the other nodes may run the view again and share its segments. */
    void giveBack(String view) {
        jdbc.update("delete from view_release where view_name = ? and requested_by = ?", view, node);
    }

    private int segmentsHeldElsewhere(String view) {
        return jdbc.queryForObject("select count(*) from tokenentry where processorname = ? and owner is not null"
                + " and owner <> ?", Integer.class, view, node);
    }

    /** Every second: stop the views another node rebuilds, start them again when it is done. */
    @Scheduled(fixedDelay = 1000, initialDelay = 1000)
    synchronized void follow() {
        List<String> requested = jdbc.queryForList("""
                select view_name from view_release
                 where requested_by <> ? and requested_at > now() - make_interval(secs => ?)""",
                String.class, node, (double) EXPIRY.toSeconds());
        for (String view : requested) {
            processing.eventProcessor(view, StreamingEventProcessor.class).ifPresent(processor -> {
                if (processor.isRunning() && pausedHere.add(view)) {
                    log.info("Another node rebuilds {}: releasing this node's segments until it is done", view);
                    processor.shutDown();
                }
            });
        }
        for (String view : Set.copyOf(pausedHere)) {
            if (!requested.contains(view)) {
                pausedHere.remove(view);
                processing.eventProcessor(view, StreamingEventProcessor.class).ifPresent(processor -> {
                    log.info("The rebuild of {} on another node is done: running it here again", view);
                    processor.start();
                });
            }
        }
    }
}
