package io.ueledger.command.signin.oauth2;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Apple's OAuth 2 enrollment method (SPEC.md section 4.2), used when
 * {@code ueledger.enrollment.auth-method=apple-oauth2}.
 *
 * @param clientId        the {@code client-id} the 401 hands the device; the device is a public client,
 *                        so this identifies it but proves nothing
 * @param scope           the {@code scope} the 401 hands the device and the token response repeats
 * @param codeTtl         how long an authorization code may wait for its exchange: the device exchanges it
 *                        at once, so a couple of minutes is plenty and limits what a leaked code is worth
 * @param refreshTokenTtl how long the device may silently get new access tokens without its user
 */
@ConfigurationProperties("ueledger.enrollment.oauth2")
public record OAuth2Properties(
        @DefaultValue("ue-ledger-device") String clientId,
        @DefaultValue("enrollment") String scope,
        @DefaultValue("PT2M") Duration codeTtl,
        @DefaultValue("P90D") Duration refreshTokenTtl) {
}
