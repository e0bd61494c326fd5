package io.ueledger.command.signing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Compact JWS (HMAC-SHA256) tokens that let the server hand state to a device inside a URL instead
 * of storing it: anonymous requests create no rows. Each token names its purpose, so a token
 * minted for one step (say, discovery) is worthless at another (say, sign-in).
 */
@Component
public class SignedLinks {

    private static final String PURPOSE = "pur";

    private final MACSigner signer;
    private final MACVerifier verifier;
    private final Clock clock;

    public SignedLinks(LinkSigningKey key, Clock clock) {
        try {
            this.signer = new MACSigner(key.bytes());
            this.verifier = new MACVerifier(key.bytes());
        } catch (JOSEException e) {
            throw new IllegalStateException("the link-signing key is not usable for HMAC-SHA256", e);
        }
        this.clock = clock;
    }

    public String sign(String purpose, Map<String, Object> claims, Duration ttl) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .claim(PURPOSE, purpose)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)));
        claims.forEach(builder::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), builder.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a link", e);
        }
        return jwt.serialize();
    }

    /** Checks signature, purpose and expiry; never throws for bad input. */
    public Verification verify(String purpose, String token) {
        return verify(purpose, token, true);
    }

    /**
     * Checks signature and purpose only: for a step that is already bound by something stronger (a
     * session token, a started sign-in), where the link just has to be one this server made. The
     * result says whether it has expired.
     */
    public Verification verifyIgnoringExpiry(String purpose, String token) {
        return verify(purpose, token, false);
    }

    private Verification verify(String purpose, String token, boolean enforceExpiry) {
        if (token == null || token.isBlank()) {
            return new Verification.Refused("no token");
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token.trim());
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                return new Verification.Refused("signature does not match (forged or signed by another server)");
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (!purpose.equals(claims.getStringClaim(PURPOSE))) {
                return new Verification.Refused("token was issued for another purpose");
            }
            Date expiry = claims.getExpirationTime();
            if (expiry == null) {
                return new Verification.Refused("token has no expiry");
            }
            boolean expired = !clock.instant().isBefore(expiry.toInstant());
            if (expired && enforceExpiry) {
                return new Verification.Refused("token expired at " + expiry.toInstant());
            }
            return new Verification.Valid(claims.getClaims(), claims.getIssueTime().toInstant(), expired);
        } catch (ParseException | JOSEException | IllegalStateException e) {
            return new Verification.Refused("token is malformed");
        }
    }

    /** The outcome of {@link #verify}: the claims, or a reason fit for a log line. */
    public sealed interface Verification {

        /** @param expired true only from {@link #verifyIgnoringExpiry} */
        record Valid(Map<String, Object> claims, Instant issuedAt, boolean expired) implements Verification {

            public String string(String name) {
                Object value = claims.get(name);
                return value == null ? null : value.toString();
            }
        }

        record Refused(String reason) implements Verification {
        }
    }
}
