package io.ueledger.command.ddm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.MapperFeature;
import io.ueledger.kernel.ddm.DeclarationCatalog;
import io.ueledger.kernel.ddm.DeclarationCategory;
import io.ueledger.kernel.ddm.DeclarationRef;
import io.ueledger.kernel.ddm.DeclarationsToken;
import io.ueledger.kernel.ddm.PayloadKeys;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the declarations of a set as an admin sends them ({@code Type}, {@code Identifier},
 * {@code Payload}, as in Apple's declaration envelope), checks them against the schema data, and
 * computes each ServerToken as the SHA-256 of the canonical JSON (keys sorted, no whitespace) of
 * Type, Identifier and Payload: any edit changes it, an unchanged declaration keeps it on every node.
 */
final class DeclarationAuthoring {

    static final int MAX_DECLARATIONS = 200;
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private DeclarationAuthoring() {
    }

    static List<AuthoredDeclaration> read(List<Map<String, Object>> input) {
        if (input == null) {
            throw new InvalidDeclaration("'declarations' is missing: a list of {Type, Identifier, Payload}");
        }
        if (input.size() > MAX_DECLARATIONS) {
            throw new InvalidDeclaration("a set holds at most " + MAX_DECLARATIONS + " declarations");
        }
        List<AuthoredDeclaration> declarations = new ArrayList<>();
        Set<String> identifiers = new HashSet<>();
        for (int i = 0; i < input.size(); i++) {
            AuthoredDeclaration d = one(i, input.get(i));
            if (!identifiers.add(d.ref().identifier())) {
                throw new InvalidDeclaration("declaration " + i + ": identifier " + d.ref().identifier()
                        + " is used twice in the set");
            }
            declarations.add(d);
        }
        checkActivations(declarations);
        return declarations;
    }

    private static AuthoredDeclaration one(int index, Map<String, Object> raw) {
        String where = "declaration " + index;
        if (raw == null) {
            throw new InvalidDeclaration(where + " is null");
        }
        for (String key : raw.keySet()) {
            if (!Set.of("Type", "Identifier", "Payload").contains(key)) {
                throw new InvalidDeclaration(where + ": unexpected key " + key + " (ServerToken is computed by the "
                        + "server; a declaration has Type, Identifier and Payload)");
            }
        }
        String type = string(raw, "Type", where);
        String identifier = string(raw, "Identifier", where);
        if (!IDENTIFIER.matcher(identifier).matches()) {
            throw new InvalidDeclaration(where + ": Identifier must be 1-64 letters, digits, '.', '_' or '-'");
        }
        DeclarationCatalog.TypeRow row = DeclarationCatalog.bundled().type(type).orElseThrow(() ->
                new InvalidDeclaration(where + ": " + type + " is not a declaration type of Apple's schema"));
        DeclarationCategory category = DeclarationCategory.ofType(type).orElse(row.category());
        Object payloadValue = raw.get("Payload");
        if (!(payloadValue instanceof Map<?, ?>)) {
            throw new InvalidDeclaration(where + " (" + identifier + "): Payload must be an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> payload = (Map<String, Object>) payloadValue;
        Set<String> keys = PayloadKeys.of(payload);
        for (String required : row.requiredKeys()) {
            if (!required.contains("[]") && !keys.contains(required)) {
                throw new InvalidDeclaration(where + " (" + identifier + "): " + type + " requires Payload key "
                        + required + " (" + row.source() + ")");
            }
        }
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("Identifier", identifier);
        content.put("Payload", payload);
        content.put("Type", type);
        String token = DeclarationsToken.sha256(canonical(content));
        Map<String, Object> served = new LinkedHashMap<>();
        served.put("Type", type);
        served.put("Identifier", identifier);
        served.put("ServerToken", token);
        served.put("Payload", payload);
        return new AuthoredDeclaration(new DeclarationRef(identifier, type, category, token), payload, keys,
                canonical(served));
    }

    /** A configuration does nothing until an activation names it; an activation naming a missing one would fail on the device. */
    private static void checkActivations(List<AuthoredDeclaration> declarations) {
        Set<String> configurations = new HashSet<>();
        declarations.stream().filter(d -> d.ref().category() == DeclarationCategory.CONFIGURATION)
                .forEach(d -> configurations.add(d.ref().identifier()));
        for (AuthoredDeclaration d : declarations) {
            if (d.ref().category() != DeclarationCategory.ACTIVATION) {
                continue;
            }
            Object named = d.payload().get("StandardConfigurations");
            if (!(named instanceof List<?> list)) {
                throw new InvalidDeclaration("activation " + d.ref().identifier()
                        + ": StandardConfigurations must be a list of configuration identifiers");
            }
            for (Object id : list) {
                if (!configurations.contains(String.valueOf(id))) {
                    throw new InvalidDeclaration("activation " + d.ref().identifier() + " names configuration " + id
                            + ", which is not in this set");
                }
            }
        }
    }

    private static String string(Map<String, Object> raw, String key, String where) {
        Object value = raw.get(key);
        if (!(value instanceof String s) || s.isBlank()) {
            throw new InvalidDeclaration(where + ": " + key + " is missing or not a string");
        }
        return s.trim();
    }

    static byte[] canonical(Object value) {
        try {
            return CANONICAL.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new InvalidDeclaration("the declaration cannot be written as JSON: " + e.getOriginalMessage());
        }
    }
}
