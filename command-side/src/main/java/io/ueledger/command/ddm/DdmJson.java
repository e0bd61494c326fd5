package io.ueledger.command.ddm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ueledger.kernel.ddm.DeclarationCategory;
import io.ueledger.kernel.ddm.DeclarationManifest;
import io.ueledger.kernel.ddm.DeclarationRef;
import io.ueledger.kernel.ddm.SyncTokens;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The protocol's JSON documents, shaped exactly as Apple's schema names their keys (declarative/protocol/). */
public final class DdmJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DdmJson() {
    }

    /** TokensResponse: {@code {"SyncTokens":{"DeclarationsToken":…,"Timestamp":"…Z"}}}. */
    public static byte[] tokensResponse(SyncTokens tokens) {
        return write(Map.of("SyncTokens", syncTokens(tokens)));
    }

    /** DeclarationItemsResponse: all four arrays always present, and the DeclarationsToken. */
    public static byte[] declarationItems(DeclarationManifest manifest) {
        Map<String, Object> declarations = new LinkedHashMap<>();
        for (DeclarationCategory category : List.of(DeclarationCategory.ACTIVATION, DeclarationCategory.CONFIGURATION,
                DeclarationCategory.ASSET, DeclarationCategory.MANAGEMENT)) {
            List<Map<String, String>> items = new ArrayList<>();
            for (DeclarationRef d : manifest.declarations()) {
                if (d.category() == category) {
                    Map<String, String> item = new LinkedHashMap<>();
                    item.put("Identifier", d.identifier());
                    item.put("ServerToken", d.serverToken());
                    items.add(item);
                }
            }
            declarations.put(category.manifestKey(), items);
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("Declarations", declarations);
        response.put("DeclarationsToken", manifest.tokens().declarationsToken());
        return write(response);
    }

    private static Map<String, String> syncTokens(SyncTokens tokens) {
        Map<String, String> sync = new LinkedHashMap<>();
        sync.put("DeclarationsToken", tokens.declarationsToken());
        sync.put("Timestamp", tokens.timestamp().truncatedTo(ChronoUnit.SECONDS).toString());
        return sync;
    }

    private static byte[] write(Object value) {
        try {
            return JSON.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
