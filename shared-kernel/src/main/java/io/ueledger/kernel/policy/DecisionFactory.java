package io.ueledger.kernel.policy;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;

/** Builds the decisions for one request, stamping each with the request and the matrix version. */
final class DecisionFactory {

    private final MdmCommandRequest request;
    private final CapabilityMatrix matrix;

    DecisionFactory(MdmCommandRequest request, CapabilityMatrix matrix) {
        this.request = request;
        this.matrix = matrix;
    }

    MdmCommandRequest request() {
        return request;
    }

    PolicyDecision allowed(String reason, String source, List<ManagedAppBinding> bindings, List<String> lineIds) {
        return new PolicyDecision(Verdict.ALLOWED, PolicyRules.ALLOWED, reason, source, matrix.version(), request,
                null, null, List.of(), bindings, lineIds);
    }

    PolicyDecision narrowed(String ruleId, String reason, String source, MdmCommandRequest narrowedRequest,
                            String narrowing, List<PolicyFinding> findings, List<String> lineIds) {
        return new PolicyDecision(Verdict.NARROWED, ruleId, reason, source, matrix.version(), request,
                narrowedRequest, narrowing, findings, List.of(), lineIds);
    }

    PolicyDecision refused(String ruleId, String reason, String source, List<String> lineIds) {
        return new PolicyDecision(Verdict.REFUSED, ruleId, reason, source, matrix.version(), request,
                null, null, List.of(), List.of(), lineIds);
    }

    /** Refuses because of one or more findings; the first finding names the rule. */
    PolicyDecision refused(String intro, List<PolicyFinding> findings) {
        String reason = intro + findings.stream().map(PolicyFinding::reason).collect(Collectors.joining(" "));
        return new PolicyDecision(Verdict.REFUSED, findings.get(0).ruleId(), reason, sources(findings),
                matrix.version(), request, null, null, findings, List.of(), lineIds(findings));
    }

    /** Refusal by an "MDM can't" line, citing both the line and the schema row when there is one. */
    PolicyDecision refusedByLine(LineMapping mapping, CapabilityRow row) {
        PolicyFinding finding = lineFinding(mapping, "'" + request.requestType() + "'", null);
        String source = row == null ? finding.source() : finding.source() + "; " + row.source().describe();
        return new PolicyDecision(Verdict.REFUSED, mapping.ruleId(), finding.reason(), source, matrix.version(),
                request, null, null, List.of(finding), List.of(), List.of(mapping.lineId()));
    }

    /** A finding that cites its "MDM can't" line in the words of the source document. */
    PolicyFinding lineFinding(LineMapping mapping, String subject, String detail) {
        CanCannotLine line = matrix.line(mapping.lineId()).orElseThrow();
        String reason = mapping.reason() + " (source document: " + line.citation() + ")"
                + (detail == null ? "." : ": " + detail + ".");
        return new PolicyFinding(mapping.ruleId(), subject, reason,
                mapping.source().describe() + ": " + line.citation(), line.id());
    }

    static String sources(List<PolicyFinding> findings) {
        return String.join("; ", findings.stream().map(PolicyFinding::source)
                .collect(Collectors.toCollection(LinkedHashSet::new)));
    }

    static List<String> lineIds(List<PolicyFinding> findings) {
        return findings.stream().map(PolicyFinding::lineId).filter(id -> id != null).distinct().toList();
    }
}
