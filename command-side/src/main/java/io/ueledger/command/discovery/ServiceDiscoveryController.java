package io.ueledger.command.discovery;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stage 1, service discovery. A 200 carries exactly one server entry (Apple reads the first); a
 * refusal is a 403 with Apple's {@code com.apple.well-known.failed} body, which iOS 17.5 / macOS
 * 14.5 and later show to the user. A malformed request is a 400 problem (bad input, see
 * {@code CommandErrorHandling}); the device ends enrollment on any HTTP error.
 */
@RestController
class ServiceDiscoveryController {

    static final String WELL_KNOWN_FAILED = "com.apple.well-known.failed";

    private final ServiceDiscovery discovery;

    ServiceDiscoveryController(ServiceDiscovery discovery) {
        this.discovery = discovery;
    }

    @GetMapping(path = "/.well-known/com.apple.remotemanagement", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> discover(
            @RequestParam(name = "user-identifier", required = false) String userIdentifier,
            @RequestParam(name = "model-family", required = false) String modelFamily) {
        ServiceDiscovery.Answer answer = discovery.discover(userIdentifier, modelFamily);
        if (answer instanceof ServiceDiscovery.Answer.Offered offered) {
            Map<String, Object> server = new LinkedHashMap<>();
            server.put("Version", "mdm-byod");
            server.put("BaseURL", offered.baseUrl());
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("Servers", List.of(server)));
        }
        ServiceDiscovery.Answer.Refused refused = (ServiceDiscovery.Answer.Refused) answer;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", WELL_KNOWN_FAILED);
        body.put("description", refused.description());
        body.put("message", refused.message());
        return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
