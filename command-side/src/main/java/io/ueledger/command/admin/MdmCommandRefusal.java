package io.ueledger.command.admin;

import io.ueledger.kernel.policy.PolicyFinding;
import java.util.List;

/**
 * A command the User Enrollment policy (or the enrollment's own inventory check) refused. The
 * refusal is already recorded in the ledger when this is thrown; the API answers 422 with it.
 */
public class MdmCommandRefusal extends RuntimeException {

    private final String enrollmentRef;
    private final String requestType;
    private final String rule;
    private final String source;
    private final String matrixVersion;
    private final List<PolicyFinding> findings;

    public MdmCommandRefusal(String enrollmentRef, String requestType, String rule, String source, String reason,
                             String matrixVersion, List<PolicyFinding> findings) {
        super(reason);
        this.enrollmentRef = enrollmentRef;
        this.requestType = requestType;
        this.rule = rule;
        this.source = source;
        this.matrixVersion = matrixVersion;
        this.findings = List.copyOf(findings);
    }

    public String enrollmentRef() {
        return enrollmentRef;
    }

    public String requestType() {
        return requestType;
    }

    public String rule() {
        return rule;
    }

    public String source() {
        return source;
    }

    public String reason() {
        return getMessage();
    }

    public String matrixVersion() {
        return matrixVersion;
    }

    public List<PolicyFinding> findings() {
        return findings;
    }
}
