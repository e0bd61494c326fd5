package io.ueledger.ops.console.commands;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ueledger.command.admin.MdmCommandInput;
import io.ueledger.ops.console.web.ConsoleInputError;
import java.util.List;
import java.util.Map;

/**
 * The command form as posted: a request type and, optionally, its arguments as a JSON object
 * (e.g. {@code {"Queries": ["OSVersion"]}}), the same shape the API takes.
 */
public record MdmCommandForm(String requestType, String arguments) {

    MdmCommandInput input(ObjectMapper json) {
        if (requestType == null || requestType.isBlank()) {
            throw new ConsoleInputError("choose an MDM command to send");
        }
        return new MdmCommandInput(requestType.trim(), arguments(json), null, List.of());
    }

    private Map<String, Object> arguments(ObjectMapper json) {
        if (arguments == null || arguments.isBlank()) {
            return Map.of();
        }
        try {
            Map<String, Object> parsed = json.readValue(arguments, new TypeReference<Map<String, Object>>() { });
            return parsed == null ? Map.of() : parsed;
        } catch (JsonProcessingException e) {
            throw new ConsoleInputError("the arguments are not a JSON object (such as {\"Queries\": [\"OSVersion\"]}): "
                    + e.getOriginalMessage());
        }
    }
}
