package io.ueledger.kernel.policy;

import java.util.List;

/**
 * One line of the source document's "MDM can / MDM can't" table, with the rule ids and request
 * types (or payload types / keys) that relate to it, so compliance views can point at the line
 * and at the refusals or commands that prove it.
 *
 * @param relatedSubjects request types, or {@code RequestType Key} / {@code InstallProfile PayloadType} pairs
 */
public record CanCannotLine(String id, Side side, String text, String source, List<String> relatedRuleIds,
                            List<String> relatedSubjects) {

    public enum Side { CAN, CANNOT }

    public CanCannotLine {
        relatedRuleIds = List.copyOf(relatedRuleIds);
        relatedSubjects = List.copyOf(relatedSubjects);
    }

    /** How a decision cites the line, e.g. {@code MDM can't "remotely wipe the entire device"}. */
    public String citation() {
        return (side == Side.CAN ? "MDM can" : "MDM can't") + " '" + text + "'";
    }
}
