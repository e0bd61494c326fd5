package io.ueledger.kernel.ddm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;

/**
 * The DeclarationsToken of a list of declarations: SHA-256 (hex) over one line
 * {@code category/identifier/serverToken} per declaration, sorted. Because each server token is the
 * digest of its declaration's content, the token changes exactly when a declaration is added,
 * removed or edited, and any node (or an auditor) computes the same value from the events.
 */
public final class DeclarationsToken {

    private DeclarationsToken() {
    }

    public static String of(Collection<DeclarationRef> declarations) {
        StringBuilder lines = new StringBuilder();
        declarations.stream()
                .sorted(Comparator.comparing((DeclarationRef d) -> d.category().pathSegment())
                        .thenComparing(DeclarationRef::identifier))
                .forEach(d -> lines.append(d.category().pathSegment()).append('/').append(d.identifier()).append('/')
                        .append(d.serverToken()).append('\n'));
        return sha256(lines.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
