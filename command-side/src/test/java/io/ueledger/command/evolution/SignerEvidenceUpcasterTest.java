package io.ueledger.command.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.ueledger.kernel.enrollment.EnrollmentRequested;
import io.ueledger.kernel.enrollment.SignerVerdict;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

/** Revisions 1 and 2 of EnrollmentRequested read as revision 3 with the signer evidence "not recorded". */
class SignerEvidenceUpcasterTest {

    private static final String V1 = """
            {"enrollmentRef":"ref-1","userIdentifierDomain":"corp.example","modelFamily":"iPhone","platform":"IOS",\
            "product":"iPhone16,1","osVersion":"17.5","osBuild":"21F79","language":"en",\
            "signerSubject":"CN=device-1","bodyDigest":"sha256:b","occurredAt":"2024-06-01T08:00:00Z"}""";

    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper().registerModule(new JavaTimeModule()))
            .build();

    @Test
    void revision_one_goes_through_both_upcasters_to_revision_three() {
        IntermediateEventRepresentation upcast = upcast(stored("1", V1));

        assertThat(upcast.getType().getRevision()).isEqualTo("3");
        EnrollmentRequested event = serializer.deserialize(upcast.getData());
        assertThat(event.deviceCertificateSubject()).isEqualTo("CN=device-1");
        assertThat(event.signerEvidence().verdict()).isEqualTo(SignerVerdict.NOT_RECORDED);
        assertThat(event.signerEvidence().chain()).isEmpty();
        assertThat(event.signerEvidence().gated()).isTrue();
    }

    @Test
    void revision_two_reads_as_not_recorded_and_revision_three_passes_unchanged() {
        String v2 = V1.replace("signerSubject", "deviceCertificateSubject");
        EnrollmentRequested fromTwo = serializer.deserialize(upcast(stored("2", v2)).getData());
        String v3 = v2.replace("\"occurredAt\"", "\"signerEvidence\":{\"verdict\":\"UNTRUSTED\",\"reason\":\"r\","
                + "\"chain\":[],\"anchor\":null,\"gated\":false},\"occurredAt\"");
        IntermediateEventRepresentation three = upcast(stored("3", v3));

        assertThat(fromTwo.signerEvidence().verdict()).isEqualTo(SignerVerdict.NOT_RECORDED);
        assertThat(new String((byte[]) three.getData(byte[].class).getData(), StandardCharsets.UTF_8)).isEqualTo(v3);
        assertThat(((EnrollmentRequested) serializer.deserialize(three.getData())).signerEvidence().verdict())
                .isEqualTo(SignerVerdict.UNTRUSTED);
    }

    private IntermediateEventRepresentation upcast(GenericDomainEventEntry<byte[]> entry) {
        List<IntermediateEventRepresentation> result = new EventUpcasterChain(new EnrollmentRequestedUpcaster(),
                new SignerEvidenceUpcaster())
                .upcast(Stream.of(new InitialEventRepresentation(entry, serializer))).toList();
        assertThat(result).hasSize(1);
        return result.get(0);
    }

    private static GenericDomainEventEntry<byte[]> stored(String revision, String json) {
        return new GenericDomainEventEntry<>("DeviceEnrollment", "ref-1", 0, "event-1", Instant.now(),
                EnrollmentRequested.class.getName(), revision, json.getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));
    }
}
