package io.ueledger.query.compliance;

/** The report asked for covers nothing this server knows: no such enrollment, no enrollment of that account. */
public class UnknownComplianceSubject extends RuntimeException {

    public UnknownComplianceSubject(String message) {
        super(message);
    }
}
