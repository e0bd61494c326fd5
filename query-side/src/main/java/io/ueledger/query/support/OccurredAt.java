package io.ueledger.query.support;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.axonframework.eventhandling.EventMessage;

/**
 * When an event happened on the device or at the server, as the event says: every lifecycle event is a
 * record with an {@code Instant occurredAt}. The time it was stored is the fallback. Read through the record's
 * accessor, found once per event class (the history reads it for every event it writes).
 */
public final class OccurredAt {

    private static final ClassValue<Optional<Method>> ACCESSORS = new ClassValue<>() {
        @Override
        protected Optional<Method> computeValue(Class<?> type) {
            if (!type.isRecord()) {
                return Optional.empty();
            }
            return Arrays.stream(type.getRecordComponents())
                    .filter(component -> component.getName().equals("occurredAt")
                            && component.getType() == Instant.class)
                    .map(RecordComponent::getAccessor)
                    .findFirst();
        }
    };

    private OccurredAt() {
    }

    /** The event's own {@code occurredAt}, or the time it was stored when it has none or left it empty. */
    public static Instant of(EventMessage<?> message) {
        Object event = message.getPayload();
        Optional<Method> accessor = event == null ? Optional.empty() : ACCESSORS.get(event.getClass());
        if (accessor.isPresent()) {
            try {
                Instant occurredAt = (Instant) accessor.get().invoke(event);
                if (occurredAt != null) {
                    return occurredAt;
                }
            } catch (ReflectiveOperationException e) {
                // an accessor that cannot be called says nothing: the stored time stands
            }
        }
        return message.getTimestamp();
    }
}
