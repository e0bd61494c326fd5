package io.ueledger.command.signin.oauth2;

import org.springframework.http.HttpStatus;

/**
 * A refused token request, answered as RFC 6749 section 5.2 prescribes: JSON with {@code error} and
 * {@code error_description}, which is what the device's OAuth client reads (not RFC 9457).
 */
class OAuth2Failure extends RuntimeException {

    private final HttpStatus status;
    private final String error;

    private OAuth2Failure(HttpStatus status, String error, String description) {
        super(description);
        this.status = status;
        this.error = error;
    }

    static OAuth2Failure invalidRequest(String description) {
        return new OAuth2Failure(HttpStatus.BAD_REQUEST, "invalid_request", description);
    }

    static OAuth2Failure invalidClient(String description) {
        return new OAuth2Failure(HttpStatus.UNAUTHORIZED, "invalid_client", description);
    }

    static OAuth2Failure invalidGrant(String description) {
        return new OAuth2Failure(HttpStatus.BAD_REQUEST, "invalid_grant", description);
    }

    static OAuth2Failure unsupportedGrantType(String description) {
        return new OAuth2Failure(HttpStatus.BAD_REQUEST, "unsupported_grant_type", description);
    }

    HttpStatus status() {
        return status;
    }

    String error() {
        return error;
    }
}
