package io.ueledger.command.enrollment;

import io.ueledger.kernel.ddm.DeclarationCategory;
import io.ueledger.kernel.ddm.DeclarationManifest;
import io.ueledger.kernel.ddm.DeclarationRef;
import io.ueledger.kernel.ddm.DeclarationsToken;
import io.ueledger.kernel.ddm.SyncTokens;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The declarations in force on one enrollment, by the set that put them there, and every
 * identifier the device was ever offered (a status report may still name one that was withdrawn).
 */
final class DeclarationsInForce {

    private final Map<String, List<DeclarationRef>> bySet = new LinkedHashMap<>();
    private final Set<String> everOffered = new HashSet<>();
    private Instant changedAt = Instant.EPOCH;

    void assigned(String setId, List<DeclarationRef> declarations, Instant at) {
        if (declarations.isEmpty()) {
            bySet.remove(setId);
        } else {
            bySet.put(setId, List.copyOf(declarations));
        }
        declarations.forEach(d -> everOffered.add(d.identifier()));
        changedAt = at;
    }

    /** The set already holding this identifier, other than the given set (identifiers are unique per device). */
    Optional<String> holderOtherThan(String setId, String identifier) {
        return bySet.entrySet().stream().filter(e -> !e.getKey().equals(setId))
                .filter(e -> e.getValue().stream().anyMatch(d -> d.identifier().equals(identifier)))
                .map(Map.Entry::getKey).findFirst();
    }

    List<DeclarationRef> all() {
        List<DeclarationRef> all = new ArrayList<>();
        bySet.values().forEach(all::addAll);
        return all;
    }

    List<DeclarationRef> withSetReplaced(String setId, List<DeclarationRef> declarations) {
        List<DeclarationRef> all = new ArrayList<>();
        bySet.forEach((set, list) -> {
            if (!set.equals(setId)) {
                all.addAll(list);
            }
        });
        all.addAll(declarations);
        return all;
    }

    Optional<DeclarationRef> find(DeclarationCategory category, String identifier) {
        return all().stream().filter(d -> d.category() == category && d.identifier().equals(identifier)).findFirst();
    }

    boolean wasOffered(String identifier) {
        return everOffered.contains(identifier);
    }

    SyncTokens tokens() {
        return new SyncTokens(DeclarationsToken.of(all()), changedAt);
    }

    DeclarationManifest manifest() {
        return new DeclarationManifest(tokens(), all());
    }
}
