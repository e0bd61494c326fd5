package io.ueledger.kernel.ledger;

/**
 * A statement that a log moved from one signing key to the next: signed by the old key (and
 * cosigned by the new one), so whoever trusts the old key can follow it to the new one.
 * The text of the signed note, each line ending in a newline:
 * <pre>
 * ue-ledger/key-rotation/v1
 * &lt;origin&gt;
 * old &lt;old verifier key&gt;
 * new &lt;new verifier key&gt;
 * last-tree-size &lt;the largest tree size the old key signed&gt;
 * </pre>
 */
public record KeyRotation(String origin, String oldKey, String newKey, long lastTreeSize) {

    public static final String TAG = "ue-ledger/key-rotation/v1";

    public String text() {
        return TAG + "\n" + origin + "\nold " + oldKey + "\nnew " + newKey + "\nlast-tree-size " + lastTreeSize + "\n";
    }

    /** The note signed by the old key, cosigned by the new one. */
    public String sign(NoteSigner oldSigner, NoteSigner newSigner) {
        String text = text();
        return text + "\n" + oldSigner.signatureLine(text) + "\n" + newSigner.signatureLine(text) + "\n";
    }

    /**
     * Reads a rotation note that {@code trusted} signed; the statement must name {@code trusted} as
     * its old key.
     */
    public static KeyRotation verify(String note, NoteVerifier trusted, String trustedKey) throws InvalidProof {
        String[] lines = trusted.verify(note).split("\n", -1);
        if (lines.length != 6 || !lines[0].equals(TAG) || !lines[2].startsWith("old ") || !lines[3].startsWith("new ")
                || !lines[4].matches("last-tree-size (0|[1-9][0-9]{0,17})") || !lines[5].isEmpty()) {
            throw new InvalidProof("not a " + TAG + " statement");
        }
        KeyRotation rotation = new KeyRotation(lines[1], lines[2].substring(4), lines[3].substring(4),
                Long.parseLong(lines[4].substring("last-tree-size ".length())));
        if (!rotation.oldKey().equals(trustedKey.strip())) {
            throw new InvalidProof("the statement rotates away from " + rotation.oldKey() + ", not from "
                    + trustedKey.strip());
        }
        NoteVerifier next = NoteVerifier.fromVerifierKey(rotation.newKey());
        next.verify(note); // the new key cosigned: its holder accepted it
        return rotation;
    }
}
