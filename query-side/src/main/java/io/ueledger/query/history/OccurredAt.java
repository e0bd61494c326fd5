package io.ueledger.query.history;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * An event's own {@code occurredAt}, read through its record accessor, found once per event class. Events
 * that are not records or have no {@code Instant occurredAt} component have none.
 */
final class OccurredAt {

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

    /** The event's {@code occurredAt}, or null when it has none or left it empty. */
    static Instant of(Object event) {
        Optional<Method> accessor = ACCESSORS.get(event.getClass());
        if (accessor.isEmpty()) {
            return null;
        }
        try {
            return (Instant) accessor.get().invoke(event);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read occurredAt of " + event.getClass().getName(), e);
        }
    }
}
