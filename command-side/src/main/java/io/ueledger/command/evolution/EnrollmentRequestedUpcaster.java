package io.ueledger.command.evolution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ueledger.kernel.enrollment.EnrollmentRequested;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Reads {@link EnrollmentRequested} revision 1 as revision 2: the field {@code signerSubject} is
 * now {@code deviceCertificateSubject} (same value, clearer name). Stored events are never
 * rewritten; every reader (aggregate, projections, point-in-time folds) sees revision 2.
 *
 * <p>A Spring bean of type {@code EventUpcaster}: Axon's Spring Boot auto-configuration adds it to
 * the upcaster chain of the event storage engine, in {@link Order}.
 */
@Component
@Order(0)
public class EnrollmentRequestedUpcaster extends SingleEventUpcaster {

    static final String TYPE = EnrollmentRequested.class.getName();
    static final String FROM = "1";
    static final String TO = "2";

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        return TYPE.equals(event.getType().getName()) && FROM.equals(event.getType().getRevision());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        return event.upcastPayload(new SimpleSerializedType(TYPE, TO), JsonNode.class, EnrollmentRequestedUpcaster::rename);
    }

    static JsonNode rename(JsonNode payload) {
        if (payload instanceof ObjectNode object && object.has("signerSubject")) {
            object.set("deviceCertificateSubject", object.remove("signerSubject"));
        }
        return payload;
    }
}
