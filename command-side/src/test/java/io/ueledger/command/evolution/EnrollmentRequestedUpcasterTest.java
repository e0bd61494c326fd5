package io.ueledger.command.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.ueledger.kernel.device.Platform;
import io.ueledger.kernel.enrollment.EnrollmentRequested;
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

/** A revision-1 payload as stored goes through the chain and deserializes as today's record. */
class EnrollmentRequestedUpcasterTest {

    private static final String V1 = """
            {"enrollmentRef":"ref-1","userIdentifierDomain":"corp.example","modelFamily":"iPhone","platform":"IOS",\
            "product":"iPhone16,1","osVersion":"17.5","osBuild":"21F79","language":"en",\
            "signerSubject":"CN=device-1","bodyDigest":"sha256:b","occurredAt":"2024-06-01T08:00:00Z"}""";

    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper().registerModule(new JavaTimeModule()))
            .build();

    @Test
    void revision_one_reads_as_revision_two_with_the_subject_under_its_new_name() {
        IntermediateEventRepresentation upcast = upcast(stored(EnrollmentRequested.class.getName(), "1", V1));

        assertThat(upcast.getType().getRevision()).isEqualTo("2");
        EnrollmentRequested event = serializer.deserialize(upcast.getData());
        assertThat(event.deviceCertificateSubject()).isEqualTo("CN=device-1");
        assertThat(event.platform()).isEqualTo(Platform.IOS);
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2024-06-01T08:00:00Z"));
    }

    @Test
    void revision_two_and_other_types_pass_unchanged() {
        String v2 = V1.replace("signerSubject", "deviceCertificateSubject");
        IntermediateEventRepresentation current = upcast(stored(EnrollmentRequested.class.getName(), "2", v2));
        IntermediateEventRepresentation other = upcast(stored("io.ueledger.kernel.enrollment.UserAuthenticated", "1",
                "{\"signerSubject\":\"x\"}"));

        assertThat(current.getType().getRevision()).isEqualTo("2");
        assertThat(new String((byte[]) current.getData(byte[].class).getData(), StandardCharsets.UTF_8)).isEqualTo(v2);
        assertThat(other.getType().getRevision()).isEqualTo("1");
        assertThat(new String((byte[]) other.getData(byte[].class).getData(), StandardCharsets.UTF_8))
                .contains("signerSubject");
    }

    private IntermediateEventRepresentation upcast(GenericDomainEventEntry<byte[]> entry) {
        List<IntermediateEventRepresentation> result = new EventUpcasterChain(new EnrollmentRequestedUpcaster())
                .upcast(Stream.of(new InitialEventRepresentation(entry, serializer))).toList();
        assertThat(result).hasSize(1);
        return result.get(0);
    }

    private static GenericDomainEventEntry<byte[]> stored(String type, String revision, String json) {
        return new GenericDomainEventEntry<>("DeviceEnrollment", "ref-1", 0, "event-1", Instant.now(), type, revision,
                json.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
    }
}
