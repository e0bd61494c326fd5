package io.ueledger.ops.simulator.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the load runner reads from the server under test, over HTTP only: its facts ({@code /actuator/serverfacts}:
 * storage settings, process ids, heap after GC, events stored, processor lag), the enrollment registry and each
 * device's history. The history, not the simulator's own bookkeeping, says whether a command was acknowledged once.
 */
public class ServerProbe {

    private static final int PAGE = 500;

    private final ServerApi api;

    public ServerProbe(ServerApi api) {
        this.api = api;
    }

    /** One reading of the server's facts. */
    public record Snapshot(long jvmPid, Long postgresPid, Map<String, String> storage, Map<String, Integer> pools,
                           long heapAfterGcBytes, long heapMaxBytes, long eventsStored, Map<String, Long> processorLag) {

        public long totalLag() {
            return processorLag.values().stream().mapToLong(v -> Math.max(0, v)).sum();
        }
    }

    public Snapshot facts() {
        JsonNode body = api.get("/actuator/serverfacts");
        Map<String, String> storage = new LinkedHashMap<>();
        body.path("storage").fields().forEachRemaining(e -> storage.put(e.getKey(), e.getValue().asText()));
        Map<String, Integer> pools = new LinkedHashMap<>();
        body.path("pools").fields().forEachRemaining(e -> pools.put(e.getKey(), e.getValue().asInt()));
        Map<String, Long> lag = new LinkedHashMap<>();
        body.path("processorLag").fields().forEachRemaining(e -> lag.put(e.getKey(), e.getValue().asLong()));
        JsonNode postgres = body.path("postgresPid");
        return new Snapshot(body.path("jvmPid").asLong(), postgres.isNumber() ? postgres.asLong() : null, storage,
                pools, body.path("heapAfterGcBytes").asLong(), body.path("heapMaxBytes").asLong(),
                body.path("eventsStored").asLong(), lag);
    }

    /** Waits until every processor has caught up with the store (or the patience runs out); the last reading. */
    public Snapshot awaitCaughtUp(Duration patience) {
        Instant deadline = Instant.now().plus(patience);
        Snapshot facts = facts();
        while (facts.totalLag() > 0 && Instant.now().isBefore(deadline)) {
            pause();
            facts = facts();
        }
        return facts;
    }

    /** The enrollment refs of these EnrollmentIDs from the registry, waiting up to {@code patience} for all. */
    public Map<String, String> enrollmentRefs(Collection<String> enrollmentIds, Duration patience) {
        Set<String> wanted = new HashSet<>();
        enrollmentIds.forEach(id -> wanted.add(id.toUpperCase(Locale.ROOT)));
        Map<String, String> refs = new HashMap<>();
        Instant deadline = Instant.now().plus(patience);
        while (true) {
            for (int page = 0; ; page++) {
                JsonNode body = api.get("/api/enrollments?stage=ENROLLED&size=" + PAGE + "&page=" + page);
                for (JsonNode item : body.path("items")) {
                    String id = item.path("enrollmentId").asText("").toUpperCase(Locale.ROOT);
                    if (wanted.contains(id)) {
                        refs.put(id, item.path("enrollmentRef").asText());
                    }
                }
                if (body.path("items").size() < PAGE) {
                    break;
                }
            }
            if (refs.size() >= wanted.size() || Instant.now().isAfter(deadline)) {
                return refs;
            }
            pause();
        }
    }

    /** The CommandUUID of every MdmCommandAcknowledged event in this enrollment's history, once per event. */
    public List<String> acknowledgements(String enrollmentRef) {
        List<String> uuids = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode body = api.get("/api/enrollments/" + enrollmentRef
                    + "/history?type=MdmCommandAcknowledged&size=" + PAGE + "&page=" + page);
            for (JsonNode item : body.path("items")) {
                JsonNode payload = item.path("payload");
                if (payload.isTextual()) {
                    payload = readTree(payload.asText());
                }
                uuids.add(payload.path("commandUuid").asText());
            }
            if (body.path("items").size() < PAGE) {
                return uuids;
            }
        }
    }

    private static JsonNode readTree(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a history entry's payload is not JSON", e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
