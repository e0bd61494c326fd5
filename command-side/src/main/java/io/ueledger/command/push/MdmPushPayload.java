package io.ueledger.command.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** The body of an MDM push: exactly {@code {"mdm":"<PushMagic>"}}, with no {@code aps} dictionary. */
final class MdmPushPayload {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MdmPushPayload() {
    }

    static String of(String pushMagic) {
        try {
            return JSON.writeValueAsString(Map.of("mdm", pushMagic));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a one-string map always serialises", e);
        }
    }
}
