package io.ueledger.ops.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Jackson as the server configures it (Spring Boot's ObjectMapper defaults plus
 * {@code spring.jackson.default-property-inclusion: non_null}), so payload sizes match the server's.
 */
final class LedgerSerializer {

    private LedgerSerializer() {
    }

    static JacksonSerializer create() {
        JsonMapper mapper = JsonMapper.builder()
                .findAndAddModules()
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        return JacksonSerializer.builder().objectMapper(mapper).build();
    }
}
