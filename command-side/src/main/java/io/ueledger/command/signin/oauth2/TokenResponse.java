package io.ueledger.command.signin.oauth2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The successful token response of RFC 6749 section 5.1, in the field names the device reads. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record TokenResponse(
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("scope") String scope,
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("expires_in") long expiresIn,
        @JsonProperty("refresh_token") String refreshToken) {

    @Override
    public String toString() {
        return "TokenResponse[scope=" + scope + ", expiresIn=" + expiresIn + "]";
    }
}
