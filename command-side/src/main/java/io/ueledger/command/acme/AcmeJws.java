package io.ueledger.command.acme;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Reads and verifies the flattened JWS of every ACME POST (RFC 8555 section 6.2): an asymmetric
 * algorithm, either {@code jwk} (new accounts) or {@code kid} (an existing account), a {@code url}
 * equal to the endpoint's, a valid signature, and last a fresh nonce, which is spent. The signature is
 * checked before the nonce so that a forged request does not even use up a nonce.
 */
@Component
public class AcmeJws {

    /** A request whose signature and nonce were verified. */
    public record Verified(JWK key, Optional<AcmeAccounts.Account> account, JsonNode payload, boolean postAsGet) {

        public AcmeAccounts.Account requireAccount() {
            return account.orElseThrow(() -> new AcmeProblem("accountDoesNotExist",
                    org.springframework.http.HttpStatus.BAD_REQUEST, "this request needs an existing account (kid)"));
        }
    }

    /** How the request must name its key. */
    public enum KeyBy { JWK, KID }

    private final ObjectMapper json;
    private final AcmeNonces nonces;
    private final AcmeAccounts accounts;
    private final AcmeUrls urls;

    public AcmeJws(ObjectMapper json, AcmeNonces nonces, AcmeAccounts accounts, AcmeUrls urls) {
        this.json = json;
        this.nonces = nonces;
        this.accounts = accounts;
        this.urls = urls;
    }

    public Verified verify(byte[] body, String expectedUrl, KeyBy keyBy) {
        JWSObject jws = parse(body);
        JWSHeader header = jws.getHeader();
        JWSAlgorithm alg = header.getAlgorithm();
        if (!JWSAlgorithm.Family.EC.contains(alg) && !JWSAlgorithm.Family.RSA.contains(alg)) {
            throw new AcmeProblem("badSignatureAlgorithm", org.springframework.http.HttpStatus.BAD_REQUEST,
                    "JWS algorithm " + alg + " is not accepted; use ES256, ES384, ES512 or RS256");
        }
        Object url = header.getCustomParam("url");
        if (!expectedUrl.equals(url)) {
            throw AcmeProblem.unauthorized("the JWS url '" + url + "' is not this endpoint's URL " + expectedUrl);
        }
        JWK key;
        Optional<AcmeAccounts.Account> account;
        if (keyBy == KeyBy.JWK) {
            if (header.getJWK() == null || header.getKeyID() != null) {
                throw AcmeProblem.malformed("this request must carry its key as jwk, not kid");
            }
            if (header.getJWK().isPrivate()) {
                throw AcmeProblem.malformed("the jwk in the header contains a private key");
            }
            key = header.getJWK();
            account = accounts.byKey(key);
        } else {
            if (header.getKeyID() == null || header.getJWK() != null) {
                throw AcmeProblem.malformed("this request must name its account as kid, not carry a jwk");
            }
            String prefix = urls.account("");
            if (!header.getKeyID().startsWith(prefix)) {
                throw new AcmeProblem("accountDoesNotExist", org.springframework.http.HttpStatus.BAD_REQUEST,
                        "kid " + header.getKeyID() + " is not an account of this server");
            }
            account = accounts.byId(header.getKeyID().substring(prefix.length()));
            key = account.orElseThrow(() -> new AcmeProblem("accountDoesNotExist",
                    org.springframework.http.HttpStatus.BAD_REQUEST, "no account " + header.getKeyID())).key();
        }
        if (!signatureValid(jws, key)) {
            throw AcmeProblem.malformed("the JWS signature does not verify with the "
                    + (keyBy == KeyBy.JWK ? "jwk in its header" : "account's key"));
        }
        Object nonce = header.getCustomParam("nonce");
        if (!(nonce instanceof String value) || !nonces.spend(value)) {
            throw AcmeProblem.badNonce("the nonce is unknown, used or expired; take the Replay-Nonce of this answer");
        }
        String payload = jws.getPayload().toString();
        try {
            return new Verified(key, account, payload.isEmpty() ? json.nullNode() : json.readTree(payload),
                    payload.isEmpty());
        } catch (IOException e) {
            throw AcmeProblem.malformed("the JWS payload is not JSON");
        }
    }

    private JWSObject parse(byte[] body) {
        try {
            JsonNode flattened = json.readTree(new String(body, StandardCharsets.UTF_8));
            if (flattened == null || !flattened.path("protected").isTextual() || !flattened.path("payload").isTextual()
                    || !flattened.path("signature").isTextual()) {
                throw AcmeProblem.malformed("the body must be a flattened JWS: protected, payload, signature");
            }
            return new JWSObject(new Base64URL(flattened.get("protected").asText()),
                    new Base64URL(flattened.get("payload").asText()), new Base64URL(flattened.get("signature").asText()));
        } catch (IOException | ParseException | IllegalArgumentException e) {
            throw AcmeProblem.malformed("the body is not a readable JWS: " + e.getMessage());
        }
    }

    private static boolean signatureValid(JWSObject jws, JWK key) {
        try {
            JWSVerifier verifier;
            if (key instanceof ECKey ec) {
                verifier = new ECDSAVerifier(ec);
            } else if (key instanceof RSAKey rsa) {
                verifier = new RSASSAVerifier(rsa);
            } else {
                throw AcmeProblem.malformed("account keys must be EC or RSA, not " + key.getKeyType());
            }
            return jws.verify(verifier);
        } catch (JOSEException | IllegalStateException e) {
            return false;
        }
    }
}
