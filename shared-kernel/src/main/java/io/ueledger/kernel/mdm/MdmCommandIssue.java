package io.ueledger.kernel.mdm;

/** What the enrollment did with an {@link IssueMdmCommand}: queued it, or refused it (and recorded why). */
public record MdmCommandIssue(boolean queued, String rule, String source, String reason) {

    public static final String LEDGER_SOURCE = "the enrollment's ledger of what this MDM installed";

    public static MdmCommandIssue accepted() {
        return new MdmCommandIssue(true, null, null, null);
    }

    public static MdmCommandIssue refused(String rule, String reason) {
        return new MdmCommandIssue(false, rule, LEDGER_SOURCE, reason);
    }
}
