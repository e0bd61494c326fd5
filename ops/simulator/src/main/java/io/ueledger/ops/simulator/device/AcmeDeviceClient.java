package io.ueledger.ops.simulator.device;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * What an Apple device does with a {@code com.apple.security.acme} payload: a P-384 key (the Secure
 * Enclave's, on a real device), an account, an order for its ClientIdentifier as a
 * {@code permanent-identifier}, the {@code device-attest-01} challenge answered with a WebAuthn
 * attestation object (format {@code apple} from the simulated attestation authority, or {@code none}
 * for a device that does not attest), a CSR and the certificate download.
 */
public final class AcmeDeviceClient {

    /** The obtained identity. */
    public record Obtained(KeyPair key, List<X509Certificate> chain) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final DeviceAttestationAuthority attestation;
    private final ECKey accountKey;
    private JsonNode directory;
    private String nonce;
    private String accountUrl;

    /** @param attestation the simulated attestation service, or null: the device sends format none */
    public AcmeDeviceClient(HttpClient http, DeviceAttestationAuthority attestation) {
        this.http = http;
        this.attestation = attestation;
        KeyPair keys = ecKeyPair("secp256r1");
        this.accountKey = new ECKey.Builder(Curve.P_256, (ECPublicKey) keys.getPublic())
                .privateKey((ECPrivateKey) keys.getPrivate()).build();
    }

    public Obtained obtain(String directoryUrl, String clientIdentifier, X500Name subject, Instant now) {
        directory = read(send(HttpRequest.newBuilder(URI.create(directoryUrl)).GET(), "ACME directory", 200));
        HttpResponse<byte[]> account = post(directory.path("newAccount").asText(), json(Map.of(
                "termsOfServiceAgreed", true)), true);
        expect(account, 201, "newAccount");
        accountUrl = account.headers().firstValue("Location").orElseThrow();
        ObjectNode order = JSON.createObjectNode();
        order.putArray("identifiers").addObject().put("type", "permanent-identifier").put("value", clientIdentifier);
        HttpResponse<byte[]> created = post(directory.path("newOrder").asText(), order.toString(), false);
        expect(created, 201, "newOrder");
        String orderUrl = created.headers().firstValue("Location").orElseThrow();
        JsonNode orderJson = read(created);
        JsonNode authorization = read(expect(post(orderJson.path("authorizations").get(0).asText(), "", false), 200,
                "authorization"));
        JsonNode challenge = null;
        for (JsonNode candidate : authorization.path("challenges")) {
            if ("device-attest-01".equals(candidate.path("type").asText())) {
                challenge = candidate;
            }
        }
        if (challenge == null) {
            throw new IllegalStateException("the ACME server offered no device-attest-01 challenge: " + authorization);
        }
        KeyPair deviceKey = ecKeyPair("secp384r1");
        String attObj = Base64.getUrlEncoder().withoutPadding().encodeToString(
                attestationObject(deviceKey, challenge.path("token").asText(), now));
        expect(post(challenge.path("url").asText(), json(Map.of("attObj", attObj)), false), 200,
                "device-attest-01");
        String csr = Base64.getUrlEncoder().withoutPadding().encodeToString(csr(deviceKey, subject));
        JsonNode finalized = read(expect(post(orderJson.path("finalize").asText(), json(Map.of("csr", csr)), false),
                200, "finalize"));
        if (!"valid".equals(finalized.path("status").asText())) {
            finalized = read(expect(post(orderUrl, "", false), 200, "order"));
        }
        HttpResponse<byte[]> certificate = expect(post(finalized.path("certificate").asText(), "", false), 200,
                "certificate download");
        return new Obtained(deviceKey, chain(certificate.body()));
    }

    /** Attestation object: CBOR {fmt, attStmt {x5c}, authData}, as WebAuthn defines it. */
    private byte[] attestationObject(KeyPair deviceKey, String token, Instant now) {
        Map<String, Object> statement = new LinkedHashMap<>();
        if (attestation == null) {
            statement.put("fmt", "none");
            statement.put("attStmt", Map.of());
        } else {
            try {
                statement.put("fmt", "apple");
                statement.put("attStmt", Map.of("x5c", List.of(
                        attestation.attest(deviceKey.getPublic(), token, now).getEncoded())));
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
        }
        statement.put("authData", new byte[37]);
        try {
            return new CBORMapper().writeValueAsBytes(statement);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** POSTs a JWS made with the account key (jwk for newAccount, kid after); payload "" is POST-as-GET. */
    public HttpResponse<byte[]> post(String url, String payload, boolean withJwk) {
        try {
            JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.ES256).customParam("url", url)
                    .customParam("nonce", nonce());
            if (withJwk) {
                header.jwk(accountKey.toPublicJWK());
            } else {
                header.keyID(accountUrl);
            }
            JWSObject jws = new JWSObject(header.build(), new Payload(payload));
            jws.sign(new ECDSASigner(accountKey));
            String body = json(Map.of("protected", jws.getHeader().toBase64URL().toString(),
                    "payload", jws.getPayload().toBase64URL().toString(), "signature", jws.getSignature().toString()));
            HttpResponse<byte[]> response = send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/jose+json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)), "ACME " + url, -1);
            nonce = response.headers().firstValue("Replay-Nonce").orElse(null);
            return response;
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private String nonce() {
        if (nonce == null) {
            HttpResponse<byte[]> response = send(HttpRequest.newBuilder(URI.create(directory.path("newNonce").asText()))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()), "newNonce", 200);
            nonce = response.headers().firstValue("Replay-Nonce").orElseThrow();
        }
        String current = nonce;
        nonce = null;
        return current;
    }

    private static byte[] csr(KeyPair key, X500Name subject) {
        try {
            return new JcaPKCS10CertificationRequestBuilder(subject, key.getPublic())
                    .build(new JcaContentSignerBuilder("SHA384withECDSA").build(key.getPrivate())).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<X509Certificate> chain(byte[] pem) {
        try {
            List<X509Certificate> chain = new ArrayList<>();
            for (var certificate : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem))) {
                chain.add((X509Certificate) certificate);
            }
            return chain;
        } catch (Exception e) {
            throw new IllegalStateException("the ACME certificate is not a PEM chain", e);
        }
    }

    private static KeyPair ecKeyPair(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request, String what, int expected) {
        try {
            HttpResponse<byte[]> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return expected < 0 ? response : expect(response, expected, what);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(what + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    private static HttpResponse<byte[]> expect(HttpResponse<byte[]> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + " answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response;
    }

    private static JsonNode read(HttpResponse<byte[]> response) {
        try {
            return JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("not JSON: " + new String(response.body(), StandardCharsets.UTF_8));
        }
    }

    private static String json(Map<String, Object> value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
