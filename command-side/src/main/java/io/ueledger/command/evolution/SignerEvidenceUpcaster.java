package io.ueledger.command.evolution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ueledger.kernel.enrollment.EnrollmentRequested;
import io.ueledger.kernel.enrollment.SignerEvidence;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Reads {@link EnrollmentRequested} revision 2 as revision 3: revision 3 carries the signer chain
 * and its verdict. A revision 2 event was written while every enrollment request had to chain to a
 * trusted device CA, but the chain itself was not kept, so it reads as
 * {@link SignerEvidence#notRecorded()}: nothing is invented. Runs after the 1-to-2 rename.
 */
@Component
@Order(1)
public class SignerEvidenceUpcaster extends SingleEventUpcaster {

    static final String TYPE = EnrollmentRequested.class.getName();
    static final String FROM = "2";
    static final String TO = "3";

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        return TYPE.equals(event.getType().getName()) && FROM.equals(event.getType().getRevision());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        return event.upcastPayload(new SimpleSerializedType(TYPE, TO), JsonNode.class,
                SignerEvidenceUpcaster::addNotRecorded);
    }

    static JsonNode addNotRecorded(JsonNode payload) {
        if (payload instanceof ObjectNode object && !object.has("signerEvidence")) {
            SignerEvidence none = SignerEvidence.notRecorded();
            ObjectNode evidence = JsonNodeFactory.instance.objectNode();
            evidence.put("verdict", none.verdict().name());
            evidence.put("reason", none.reason());
            evidence.putArray("chain");
            evidence.putNull("anchor");
            evidence.put("gated", none.gated());
            object.set("signerEvidence", evidence);
        }
        return payload;
    }
}
