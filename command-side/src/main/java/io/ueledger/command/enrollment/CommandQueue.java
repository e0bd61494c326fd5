package io.ueledger.command.enrollment;

import io.ueledger.kernel.enrollment.Channel;
import io.ueledger.kernel.mdm.ManagedContent;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The MDM commands of one enrollment that the device has not finished yet, in queue order, plus
 * the ids of finished ones so a repeated result can be recognised and ignored. Part of the
 * {@link DeviceEnrollment} state; changed only from its event sourcing handlers.
 */
final class CommandQueue {

    enum State { QUEUED, DELIVERED, DEFERRED }

    /** One outstanding command; immutable so that replays and the live aggregate compare equal. */
    record Entry(String commandUuid, String requestType, ManagedContent content, Channel channel, State state,
                 int attempts) {

        Entry withState(State newState, int newAttempts) {
            return new Entry(commandUuid, requestType, content, channel, newState, newAttempts);
        }
    }

    private final Map<String, Entry> outstanding = new LinkedHashMap<>();
    private final Set<String> finished = new HashSet<>();

    void queued(String commandUuid, String requestType, ManagedContent content, Channel channel) {
        outstanding.put(commandUuid, new Entry(commandUuid, requestType, content, channel, State.QUEUED, 0));
    }

    void delivered(String commandUuid) {
        outstanding.computeIfPresent(commandUuid, (id, e) -> e.withState(State.DELIVERED, e.attempts() + 1));
    }

    void deferred(String commandUuid) {
        outstanding.computeIfPresent(commandUuid, (id, e) -> e.withState(State.DEFERRED, e.attempts()));
    }

    void finished(String commandUuid) {
        outstanding.remove(commandUuid);
        finished.add(commandUuid);
    }

    boolean isKnown(String commandUuid) {
        return outstanding.containsKey(commandUuid) || finished.contains(commandUuid);
    }

    boolean isFinished(String commandUuid) {
        return finished.contains(commandUuid);
    }

    Optional<Entry> outstanding(String commandUuid) {
        return Optional.ofNullable(outstanding.get(commandUuid));
    }

    /**
     * The next command to hand to a channel: the oldest one the device has not answered with a
     * final status. Deferred (NotNow) commands are skipped when asked, because the device polls
     * again by itself only when NotNow was the last thing it said.
     */
    Optional<Entry> next(Channel channel, boolean skipDeferred, String onlyCommandUuid) {
        return outstanding.values().stream()
                .filter(e -> e.channel().equals(channel))
                .filter(e -> onlyCommandUuid == null || e.commandUuid().equals(onlyCommandUuid))
                .filter(e -> !(skipDeferred && e.state() == State.DEFERRED))
                .findFirst();
    }

    int outstandingCount() {
        return outstanding.size();
    }
}
