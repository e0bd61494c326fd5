package io.ueledger.ops.simulator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code WWW-Authenticate: Bearer …} of the enrollment 401, as the device reads it: the method
 * and its quoted parameters. Commas between parameters are optional (Fleet leaves them out).
 */
public record BearerChallenge(String method, Map<String, String> parameters) {

    private static final Pattern PARAMETER = Pattern.compile("([A-Za-z][A-Za-z0-9-]*)=\"([^\"]*)\"");

    public static BearerChallenge parse(String header) {
        if (header == null || !header.startsWith("Bearer ")) {
            throw new SimulationFailure("the 401 challenge is not a Bearer challenge: " + header);
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        Matcher matcher = PARAMETER.matcher(header);
        while (matcher.find()) {
            parameters.put(matcher.group(1), matcher.group(2));
        }
        String method = parameters.remove("method");
        if (method == null) {
            throw new SimulationFailure("the 401 challenge names no method: " + header);
        }
        return new BearerChallenge(method, Map.copyOf(parameters));
    }

    public String require(String name) {
        String value = parameters.get(name);
        if (value == null || value.isBlank()) {
            throw new SimulationFailure("the " + method + " challenge lacks " + name + ": " + parameters);
        }
        return value;
    }
}
