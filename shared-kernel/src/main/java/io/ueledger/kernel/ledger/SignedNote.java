package io.ueledger.kernel.ledger;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A C2SP signed note (https://c2sp.org/signed-note): the text (one or more lines, each ending in
 * {@code \n}), a blank line, then one or more signature lines {@code — <name> <base64>} whose value
 * starts with the 4-byte key hash. Parsing checks the shape only; {@link NoteVerifier} checks keys.
 *
 * @param text       the signed text, including its final newline
 * @param signatures the signature lines, in note order
 */
public record SignedNote(String text, List<Signature> signatures) {

    /** An em dash (U+2014) and a space. */
    public static final String SIGNATURE_PREFIX = "\u2014 ";

    /** One signature line: key name, key hash and the whole decoded value (key hash included). */
    public record Signature(String name, int keyHash, byte[] value) {
    }

    public SignedNote {
        signatures = List.copyOf(signatures);
    }

    public static SignedNote parse(String note) throws InvalidProof {
        if (!note.endsWith("\n")) {
            throw new InvalidProof("a signed note ends with a newline");
        }
        int split = note.lastIndexOf("\n\n");
        if (split < 0) {
            throw new InvalidProof("a signed note has a blank line between text and signatures");
        }
        String text = note.substring(0, split + 1);
        if (text.contains("\n\n") || text.isEmpty()) {
            throw new InvalidProof("the signed text has a blank line or is empty");
        }
        List<Signature> signatures = new ArrayList<>();
        for (String line : note.substring(split + 2).split("\n")) {
            signatures.add(signature(line));
        }
        if (signatures.isEmpty()) {
            throw new InvalidProof("a signed note has at least one signature");
        }
        return new SignedNote(text, signatures);
    }

    /** The text, a blank line and the signature lines, each ending in a newline. */
    public String format() {
        StringBuilder note = new StringBuilder(text).append('\n');
        for (Signature s : signatures) {
            note.append(SIGNATURE_PREFIX).append(s.name()).append(' ')
                    .append(Base64.getEncoder().encodeToString(s.value())).append('\n');
        }
        return note.toString();
    }

    static void requireValidText(String text) {
        if (text.isEmpty() || !text.endsWith("\n") || text.contains("\n\n") || text.startsWith("\n")) {
            throw new IllegalArgumentException("note text must be non-empty lines each ending in a newline, "
                    + "with no blank line");
        }
    }

    private static Signature signature(String line) throws InvalidProof {
        if (!line.startsWith(SIGNATURE_PREFIX)) {
            throw new InvalidProof("a signature line starts with an em dash and a space: '" + line + "'");
        }
        String rest = line.substring(SIGNATURE_PREFIX.length());
        int space = rest.lastIndexOf(' ');
        if (space <= 0) {
            throw new InvalidProof("a signature line is '— <name> <base64 signature>': '" + line + "'");
        }
        byte[] value;
        try {
            value = Base64.getDecoder().decode(rest.substring(space + 1));
        } catch (IllegalArgumentException e) {
            throw new InvalidProof("a signature is not base64: '" + line + "'");
        }
        if (value.length < 5) {
            throw new InvalidProof("a signature is shorter than its key hash: '" + line + "'");
        }
        return new Signature(rest.substring(0, space), NoteVerifier.keyHashOf(value), value);
    }
}
