package io.ueledger.ops.verifier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ueledger.kernel.bundle.StrictZip;
import io.ueledger.kernel.ledger.Rfc6962;
import io.ueledger.kernel.export.BundleLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Rebuilds a bundle after a test changed its files, signing a fresh manifest with the key a test holds. */
final class BundleFiles {

    private static final HexFormat HEX = HexFormat.of();

    private BundleFiles() {
    }

    /** A manifest over the files as they are now, signed by {@code sign}: what a ledger's operator could do. */
    static byte[] resign(Map<String, byte[]> files, UnaryOperator<String> sign, ObjectMapper json) throws IOException {
        ObjectNode manifest = (ObjectNode) json.readTree(files.get(BundleLayout.MANIFEST));
        manifest.put("events", new String(files.get(BundleLayout.EVENTS), StandardCharsets.UTF_8).lines().count());
        ArrayNode list = manifest.putArray("files");
        files.forEach((name, bytes) -> {
            if (!name.equals(BundleLayout.MANIFEST) && !name.equals(BundleLayout.MANIFEST_SIGNATURE)) {
                list.addObject().put("name", name).put("size", bytes.length).put("sha256", HEX.formatHex(Rfc6962.sha256(bytes)));
            }
        });
        byte[] manifestBytes = json.writeValueAsBytes(manifest);
        Map<String, byte[]> copy = new LinkedHashMap<>(files);
        copy.put(BundleLayout.MANIFEST, manifestBytes);
        copy.put(BundleLayout.MANIFEST_SIGNATURE, sign.apply(BundleLayout.manifestNoteText(
                HEX.formatHex(Rfc6962.sha256(manifestBytes)))).getBytes(StandardCharsets.UTF_8));
        return StrictZip.write(copy, Instant.now());
    }
}
