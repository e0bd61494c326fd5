package io.ueledger.kernel.export;

/**
 * The file names and formats of an export bundle, shared by the server that writes bundles and the
 * offline verifier that reads them (ops/verifier; format: docs/compliance/bundle-format.md).
 */
public final class BundleLayout {

    public static final String FORMAT = "ue-ledger/export-bundle/v1";
    /** The first line of the signed note over the manifest's SHA-256. */
    public static final String MANIFEST_NOTE_TAG = "ue-ledger/export-manifest/v1";

    public static final String EVENTS = "events.jsonl";
    public static final String PROOFS = "proofs.json";
    public static final String CONSISTENCY = "consistency.json";
    /** Enrollment and account bundles: each enrollment's head at the checkpoint, with its proof. */
    public static final String COMPLETENESS = "completeness.json";
    public static final String CHECKPOINT = "checkpoint.txt";
    public static final String PUBLIC_KEY = "public-key.txt";
    public static final String MATRIX_VERSION = "matrix-version.txt";
    public static final String REPORT_JSON = "report.json";
    public static final String REPORT_CSV = "report.csv";
    public static final String REPORT_PDF = "report.pdf";
    public static final String MANIFEST = "manifest.json";
    public static final String MANIFEST_SIGNATURE = "manifest.sig";

    private BundleLayout() {
    }

    /** The text the manifest signature covers: the tag and the manifest's SHA-256 in lowercase hex. */
    public static String manifestNoteText(String manifestSha256Hex) {
        return MANIFEST_NOTE_TAG + "\nsha256:" + manifestSha256Hex + "\n";
    }
}
