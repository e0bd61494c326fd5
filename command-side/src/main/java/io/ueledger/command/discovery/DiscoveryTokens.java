package io.ueledger.command.discovery;

import io.ueledger.command.signing.SignedLinks;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Issues and verifies the token inside the BaseURL that discovery hands out
 * ({@code <publicBaseUrl>/mdm/enroll/<token>}).
 *
 * <p>Discovery is an anonymous GET, so it must not create state; the token is a signed, short-lived
 * JWS instead of a row. The enrollment POST calls {@link #verify} and refuses the request (SPEC.md
 * section 3: a plain 400/403) when the result is {@link Verification.Refused}: expired, forged,
 * malformed or minted for another purpose. A valid token says which domain, model family and
 * account (hashed) discovery approved, so the POST can record them in {@code RequestEnrollment}.
 */
@Service
public class DiscoveryTokens {

    static final String PURPOSE = "discovery";

    private final SignedLinks links;
    private final DiscoveryProperties properties;

    DiscoveryTokens(SignedLinks links, DiscoveryProperties properties) {
        this.links = links;
        this.properties = properties;
    }

    public String issue(UserIdentifier user, String modelFamily) {
        return links.sign(PURPOSE, Map.of(
                "dom", user.domain(),
                "mf", modelFamily,
                "acct", AccountHash.of(user.address())), properties.tokenTtl());
    }

    public Verification verify(String token) {
        return from(links.verify(PURPOSE, token));
    }

    /**
     * Signature and purpose only: the link of a flow that started in time. The enrollment POST uses
     * it when a valid session token binds the request, so a sign-in slower than the link lifetime
     * (a consent page read carefully, MFA at a real IdP) still ends in a profile.
     */
    public Verification verifyIgnoringExpiry(String token) {
        return from(links.verifyIgnoringExpiry(PURPOSE, token));
    }

    private static Verification from(SignedLinks.Verification result) {
        if (result instanceof SignedLinks.Verification.Valid valid) {
            return new Verification.Valid(new DiscoveryToken(valid.string("dom"), valid.string("mf"),
                    valid.string("acct"), valid.issuedAt(), valid.expired()));
        }
        return new Verification.Refused(((SignedLinks.Verification.Refused) result).reason());
    }

    /** The outcome of {@link #verify}. */
    public sealed interface Verification {

        record Valid(DiscoveryToken token) implements Verification {
        }

        /** @param reason for the log line; never shown to the device owner */
        record Refused(String reason) implements Verification {
        }
    }
}
