package io.ueledger.kernel.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** Reads the test vectors under {@code src/test/resources/vectors} (see the README there). */
final class Vectors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Vectors() {
    }

    static Path dir(String relative) {
        try {
            return Path.of(Vectors.class.getResource("/vectors/" + relative).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(String relative) {
        try {
            return Files.readString(dir(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> jsonFiles(String relative) {
        try (Stream<Path> files = Files.walk(dir(relative))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An unsigned 64-bit number: 2^64-1 becomes -1L, the same bits. */
    static long unsigned(JsonNode node) {
        return node.bigIntegerValue().longValue();
    }

    /** Standard base64; JSON null or absent is an empty byte string, as Go's nil slice. */
    static byte[] base64(JsonNode node) {
        return node == null || node.isNull() ? new byte[0] : Base64.getDecoder().decode(node.asText());
    }

    static List<byte[]> base64List(JsonNode node) {
        List<byte[]> list = new ArrayList<>();
        if (node != null && !node.isNull()) {
            node.forEach(e -> list.add(base64(e)));
        }
        return list;
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    static List<byte[]> hexList(JsonNode node) {
        List<byte[]> list = new ArrayList<>();
        node.forEach(e -> list.add(hex(e.asText())));
        return list;
    }
}
