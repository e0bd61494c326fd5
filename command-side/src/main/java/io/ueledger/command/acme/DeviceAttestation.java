package io.ueledger.command.acme;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1OctetString;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Checks the answer to Apple's {@code device-attest-01} challenge: a WebAuthn attestation object (CBOR)
 * in {@code attObj}. Format {@code apple}: the leaf of {@code x5c} must carry the freshness code (OID
 * 1.2.840.113635.100.8.11.1) equal to SHA-256 of the challenge token, and its key becomes the key the
 * CSR must use. With Apple's attestation root configured the chain must lead to it ("verified");
 * without it the statement is kept as unverified evidence. Format {@code none} (a device told not to
 * attest, or whose chip cannot) is accepted on the strength of the ClientIdentifier alone, as SCEP is.
 */
@Component
public class DeviceAttestation {

    /** What an accepted statement proved. */
    public record Result(byte[] attestedKey, String verdict, String note) {
    }

    static final String FRESHNESS_OID = "1.2.840.113635.100.8.11.1";

    private final CBORMapper cbor = new CBORMapper();
    private final Clock clock;
    private final X509Certificate root;
    private final boolean requireAttestation;

    public DeviceAttestation(AcmeProperties properties, Clock clock) {
        this.clock = clock;
        this.requireAttestation = properties.requireAttestation();
        this.root = properties.appleAttestationRoot() == null ? null : readRoot(properties);
    }

    public boolean rootConfigured() {
        return root != null;
    }

    public Result check(JsonNode payload, String token) {
        JsonNode attObj = payload.path("attObj");
        if (!attObj.isTextual()) {
            throw AcmeProblem.malformed("device-attest-01 needs attObj, the base64url attestation object");
        }
        JsonNode statement;
        try {
            statement = cbor.readTree(Base64.getUrlDecoder().decode(attObj.asText()));
        } catch (IOException | IllegalArgumentException e) {
            throw bad("attObj is not a CBOR attestation object: " + e.getMessage());
        }
        String format = statement.path("fmt").asText("");
        if ("none".equals(format)) {
            if (requireAttestation) {
                throw bad("this server requires an attestation (ueledger.acme.require-attestation) and the device "
                        + "sent none");
            }
            return new Result(null, "none", "the device sent no attestation (format none)");
        }
        if (!"apple".equals(format)) {
            throw bad("attestation format '" + format + "' is not Apple's");
        }
        JsonNode x5c = statement.path("attStmt").path("x5c");
        if (!x5c.isArray() || x5c.isEmpty()) {
            throw bad("the attestation statement has no x5c certificates");
        }
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (JsonNode certificate : x5c) {
                chain.add((X509Certificate) factory.generateCertificate(
                        new java.io.ByteArrayInputStream(certificate.binaryValue())));
            }
        } catch (IOException | GeneralSecurityException e) {
            throw bad("x5c holds an unreadable certificate: " + e.getMessage());
        }
        X509Certificate leaf = chain.get(0);
        byte[] freshness = freshnessCode(leaf);
        if (!Arrays.equals(freshness, sha256(token))) {
            throw bad("the attestation's freshness code is not SHA-256 of this challenge's token (stale or replayed)");
        }
        if (root == null) {
            return new Result(leaf.getPublicKey().getEncoded(), "unverified", "structure, freshness code and key "
                    + "checked; no Apple attestation root configured, so the chain (" + leaf.getIssuerX500Principal()
                    + ") was not verified");
        }
        try {
            PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(clock.instant()));
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(chain), parameters);
        } catch (GeneralSecurityException e) {
            throw bad("the attestation does not chain to the configured attestation root: " + e.getMessage());
        }
        return new Result(leaf.getPublicKey().getEncoded(), "verified", "chains to "
                + root.getSubjectX500Principal().getName());
    }

    private static byte[] freshnessCode(X509Certificate leaf) {
        byte[] extension = leaf.getExtensionValue(FRESHNESS_OID);
        if (extension == null) {
            throw bad("the attestation certificate has no freshness code (" + FRESHNESS_OID + ")");
        }
        try {
            return ASN1OctetString.getInstance(extension).getOctets();
        } catch (IllegalArgumentException e) {
            throw bad("the freshness code is not readable");
        }
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AcmeProblem bad(String detail) {
        return new AcmeProblem("badAttestationStatement", HttpStatus.BAD_REQUEST, detail);
    }

    private static X509Certificate readRoot(AcmeProperties properties) {
        try (InputStream in = Files.newInputStream(properties.appleAttestationRoot())) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("ueledger.acme.apple-attestation-root " + properties.appleAttestationRoot()
                    + " is not a readable PEM certificate: " + e.getMessage(), e);
        }
    }
}
