package io.ueledger.kernel.policy;

/**
 * Where a fact of the matrix comes from: the data file and line in {@code ue-policy/}, and the
 * upstream document it was derived from (an apple/device-management schema file at a commit, or
 * a section of the source document).
 */
public record RowSource(String file, int line, String upstream) {

    /** A citation a person can follow, e.g. {@code ue-capabilities.tsv line 62 (mdm/commands/device.erase.yaml @ b6202ca2)}. */
    public String describe() {
        String where = file + " line " + line;
        return upstream == null || upstream.isBlank() ? where : where + " (" + upstream + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
