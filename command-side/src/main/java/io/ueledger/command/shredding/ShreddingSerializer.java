package io.ueledger.command.shredding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.ueledger.kernel.privacy.PersonalData;
import io.ueledger.kernel.privacy.Shredded;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import javax.crypto.SecretKey;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Axon's Jackson serializer with crypto-shredding around it. Going into the store, every
 * {@link PersonalData} field of a payload is encrypted with the data key of the payload's
 * {@code enrollmentRef}; coming out, it is decrypted, or reads {@link Shredded#MARKER} once that key
 * is destroyed. Everything else (other fields, metadata, tokens, payloads without personal data,
 * old events written in plain text) passes through untouched, so the aggregate, the projections, a
 * replay and upcasters all keep working after shredding.
 */
public class ShreddingSerializer implements Serializer {

    static final String SUBJECT_FIELD = "enrollmentRef";

    private final JacksonSerializer delegate;
    private final Supplier<DataKeyStore> keys;

    public ShreddingSerializer(JacksonSerializer delegate, Supplier<DataKeyStore> keys) {
        this.delegate = delegate;
        this.keys = keys;
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        List<String> fields = object == null ? List.of() : PersonalFields.of(object.getClass());
        if (fields.isEmpty()) {
            return delegate.serialize(object, expectedRepresentation);
        }
        JsonNode tree = delegate.getObjectMapper().valueToTree(object);
        String ref = subject(tree, object.getClass());
        Optional<SecretKey> key = keys.get().issue(ref);
        // A destroyed key means the enrollment is closed: anything personal arriving now is shredded at once.
        rewrite(tree, fields, value -> key.map(k -> FieldCipher.encrypt(value, k, ref)).orElse(Shredded.MARKER));
        SerializedObject<JsonNode> serialized =
                new SimpleSerializedObject<>(tree, JsonNode.class, delegate.typeForClass(object.getClass()));
        return delegate.getConverter().convert(serialized, expectedRepresentation);
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        Class<?> type = delegate.classForType(serializedObject.getType());
        List<String> fields = UnknownSerializedType.class.equals(type) ? List.of() : PersonalFields.of(type);
        if (fields.isEmpty()) {
            return delegate.deserialize(serializedObject);
        }
        JsonNode tree = delegate.getConverter().convert(serializedObject, JsonNode.class).getData();
        String ref = subject(tree, type);
        Key key = new Key(ref);
        rewrite(tree, fields, value -> FieldCipher.isEncrypted(value) ? key.decrypt(value) : value);
        return delegate.deserialize(new SimpleSerializedObject<>(tree, JsonNode.class, serializedObject.getType()));
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    public Class classForType(SerializedType type) {
        return delegate.classForType(type);
    }

    @Override
    public SerializedType typeForClass(Class type) {
        return delegate.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }

    private static String subject(JsonNode tree, Class<?> type) {
        JsonNode ref = tree.path(SUBJECT_FIELD);
        if (!ref.isTextual() || ref.asText().isBlank()) {
            throw new IllegalStateException(type.getSimpleName() + " has @PersonalData but no " + SUBJECT_FIELD
                    + " to name whose data key protects it");
        }
        return ref.asText();
    }

    /** Applies {@code change} to each personal text value (a string, or each string of an array). */
    private static void rewrite(JsonNode tree, List<String> fields, UnaryOperator<String> change) {
        if (!(tree instanceof ObjectNode object)) {
            return;
        }
        for (String field : fields) {
            JsonNode value = object.get(field);
            if (value != null && value.isTextual()) {
                object.put(field, change.apply(value.asText()));
            } else if (value instanceof ArrayNode array) {
                for (int i = 0; i < array.size(); i++) {
                    if (array.get(i).isTextual()) {
                        array.set(i, TextNode.valueOf(change.apply(array.get(i).asText())));
                    }
                }
            }
        }
    }

    /** Looks the key up once per payload, and only when a field is actually encrypted. */
    private final class Key {
        private final String ref;
        private Optional<SecretKey> key;

        Key(String ref) {
            this.ref = ref;
        }

        String decrypt(String stored) {
            if (key == null) {
                key = keys.get().find(ref);
            }
            return key.map(k -> FieldCipher.decrypt(stored, k, ref)).orElse(Shredded.MARKER);
        }
    }
}
