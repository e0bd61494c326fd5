package io.ueledger.command.signin.oauth2;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The {@code token-url} of the apple-oauth2 challenge (SPEC.md section 4.2, RFC 6749 sections 4.1.3
 * and 6). The device is a public client: it identifies itself with {@code client_id} and has no
 * secret. Answers are never cached.
 */
@RestController
class TokenEndpoint {

    private static final Logger log = LoggerFactory.getLogger(TokenEndpoint.class);

    private final TokenExchange exchange;

    TokenEndpoint(TokenExchange exchange) {
        this.exchange = exchange;
    }

    @PostMapping(path = OAuth2Endpoints.TOKEN_PATH, consumes = MediaType.ALL_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TokenResponse> token(@RequestParam MultiValueMap<String, String> parameters,
            HttpServletRequest request) {
        MediaType contentType = contentType(request);
        if (contentType == null || !MediaType.APPLICATION_FORM_URLENCODED.includes(contentType)) {
            throw OAuth2Failure.invalidRequest("the token request must be application/x-www-form-urlencoded");
        }
        String grantType = single(parameters, "grant_type");
        TokenResponse response;
        if ("authorization_code".equals(grantType)) {
            response = exchange.exchangeCode(single(parameters, "client_id"), single(parameters, "code"),
                    single(parameters, "redirect_uri"), single(parameters, "code_verifier"));
        } else if ("refresh_token".equals(grantType)) {
            response = exchange.refresh(single(parameters, "client_id"), single(parameters, "refresh_token"));
        } else if (grantType == null) {
            throw OAuth2Failure.invalidRequest("the grant_type parameter is missing");
        } else {
            throw OAuth2Failure.unsupportedGrantType("grant_type " + grantType + " is not supported; use "
                    + "authorization_code or refresh_token");
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header("Pragma", "no-cache").body(response);
    }

    @ExceptionHandler(OAuth2Failure.class)
    ResponseEntity<Map<String, String>> refused(OAuth2Failure e) {
        log.info("Token request refused ({}): {}", e.error(), e.getMessage());
        return ResponseEntity.status(e.status())
                .contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.noStore())
                .header("Pragma", "no-cache")
                .body(Map.of("error", e.error(), "error_description", e.getMessage()));
    }

    /** RFC 6749 section 3.2: a parameter sent twice makes the request invalid; an empty one counts as absent. */
    private static String single(MultiValueMap<String, String> parameters, String name) {
        List<String> values = parameters.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw OAuth2Failure.invalidRequest("the " + name + " parameter was sent more than once");
        }
        String value = values.get(0);
        return value == null || value.isBlank() ? null : value;
    }

    private static MediaType contentType(HttpServletRequest request) {
        try {
            return request.getContentType() == null ? null : MediaType.parseMediaType(request.getContentType());
        } catch (IllegalArgumentException unreadable) {
            return null;
        }
    }
}
