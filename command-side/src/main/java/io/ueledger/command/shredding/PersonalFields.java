package io.ueledger.command.shredding;

import io.ueledger.kernel.privacy.PersonalData;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which JSON properties of a payload class are {@link PersonalData}, read once per class from the
 * record's annotated components. Plain classes and records without any have none.
 */
final class PersonalFields {

    private static final Map<Class<?>, List<String>> BY_CLASS = new ConcurrentHashMap<>();

    private PersonalFields() {
    }

    static List<String> of(Class<?> type) {
        return BY_CLASS.computeIfAbsent(type, PersonalFields::scan);
    }

    private static List<String> scan(Class<?> type) {
        if (!type.isRecord()) {
            return List.of();
        }
        RecordComponent[] components = type.getRecordComponents();
        return java.util.Arrays.stream(components)
                .filter(c -> c.isAnnotationPresent(PersonalData.class))
                .map(RecordComponent::getName)
                .toList();
    }
}
