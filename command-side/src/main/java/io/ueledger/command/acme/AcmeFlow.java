package io.ueledger.command.acme;

import com.fasterxml.jackson.databind.JsonNode;
import io.ueledger.command.pki.BouncyCastle;
import io.ueledger.command.scep.DeviceIdentityIssuer;
import io.ueledger.kernel.enrollment.RecordIdentityAttestation;
import org.axonframework.commandhandling.gateway.CommandGateway;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The decisions of the ACME server: which identifier may be ordered, which challenges it gets, when a
 * challenge is met and when a CSR earns the enrollment's identity certificate. Each step is one
 * transaction; a refused step throws {@link AcmeProblem} and leaves everything as it was.
 */
@Service
public class AcmeFlow {

    public static final String DEVICE_ATTEST = "device-attest-01";
    public static final String HTTP_01 = "http-01";

    private static final Logger log = LoggerFactory.getLogger(AcmeFlow.class);

    private final AcmeOrders orders;
    private final ClientIdentifiers clientIdentifiers;
    private final DeviceAttestation attestation;
    private final Http01Validator http01;
    private final DeviceIdentityIssuer issuer;
    private final AcmeProperties properties;
    private final CommandGateway commands;
    private final Clock clock;

    public AcmeFlow(AcmeOrders orders, ClientIdentifiers clientIdentifiers, DeviceAttestation attestation,
                    Http01Validator http01, DeviceIdentityIssuer issuer, AcmeProperties properties,
                    CommandGateway commands, Clock clock) {
        this.commands = commands;
        this.orders = orders;
        this.clientIdentifiers = clientIdentifiers;
        this.attestation = attestation;
        this.http01 = http01;
        this.issuer = issuer;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    public AcmeOrders.Order newOrder(AcmeAccounts.Account account, JsonNode payload) {
        JsonNode identifiers = payload.path("identifiers");
        if (!identifiers.isArray() || identifiers.size() != 1) {
            throw AcmeProblem.malformed("an order names exactly one identifier: the profile's ClientIdentifier");
        }
        String type = identifiers.get(0).path("type").asText("");
        String value = identifiers.get(0).path("value").asText("");
        List<String> challenges = switch (type) {
            case "permanent-identifier" -> List.of(DEVICE_ATTEST);
            case "dns" -> {
                if (!properties.http01().enabled()) {
                    throw new AcmeProblem("unsupportedIdentifier", HttpStatus.BAD_REQUEST, "dns identifiers (http-01) "
                            + "are switched off on this server; devices order their permanent-identifier");
                }
                yield List.of(HTTP_01);
            }
            default -> throw new AcmeProblem("unsupportedIdentifier", HttpStatus.BAD_REQUEST,
                    "identifier type '" + type + "' is not served; use permanent-identifier");
        };
        Instant now = clock.instant();
        ClientIdentifiers.ClientIdentifier known = clientIdentifiers.find(value)
                .filter(identifier -> identifier.isUsableAt(now))
                .orElseThrow(() -> new AcmeProblem("rejectedIdentifier", HttpStatus.BAD_REQUEST,
                        "'" + value + "' is not a ClientIdentifier this server gave out, or it was used or expired"));
        AcmeOrders.Order order = orders.create(account.id(), known.enrollmentRef(), type, value, challenges, now,
                now.plus(properties.orderTtl()));
        log.info("ACME: order {} of account {} for enrollment {} ({} {})", order.id(), account.id(),
                known.enrollmentRef(), type, challenges);
        return order;
    }

    /** The order, if it exists and belongs to the account (anything else reads as absent). */
    public AcmeOrders.Order ownedOrder(AcmeAccounts.Account account, String orderId) {
        return orders.find(orderId).filter(order -> order.accountId().equals(account.id()))
                .orElseThrow(() -> AcmeProblem.notFound("no order " + orderId + " of this account"));
    }

    public List<AcmeOrders.Challenge> challengesOf(AcmeOrders.Order order) {
        return orders.challenges(order.id());
    }

    @Transactional
    public AcmeOrders.Challenge respond(AcmeAccounts.Account account, String orderId, String type, JsonNode payload,
                                        String thumbprint) {
        AcmeOrders.Order order = orders.lock(orderId).filter(o -> o.accountId().equals(account.id()))
                .orElseThrow(() -> AcmeProblem.notFound("no order " + orderId + " of this account"));
        AcmeOrders.Challenge challenge = orders.challenges(orderId).stream().filter(c -> c.type().equals(type))
                .findFirst().orElseThrow(() -> AcmeProblem.notFound("the order has no " + type + " challenge"));
        if (!"pending".equals(challenge.status())) {
            return challenge; // answered before: the result stands
        }
        Instant now = clock.instant();
        if (!now.isBefore(order.expiresAt())) {
            throw AcmeProblem.unauthorized("order " + orderId + " expired at " + order.expiresAt());
        }
        if (DEVICE_ATTEST.equals(type)) {
            DeviceAttestation.Result result = attestation.check(payload, challenge.token());
            orders.challengeValid(orderId, type, now, result.attestedKey(), result.verdict(), result.note());
            // evidence on the enrollment, in the ledger; refused (and all rolled back) if the enrollment is closed
            try {
                commands.sendAndWait(new RecordIdentityAttestation(order.enrollmentRef(),
                        result.attestedKey() == null ? "none" : "apple", result.verdict(), result.note(),
                        result.attestedKey() == null ? null : sha256Hex(result.attestedKey()), now));
            } catch (RuntimeException e) {
                throw AcmeProblem.unauthorized("enrollment " + order.enrollmentRef() + " refused the attestation: "
                        + e.getMessage());
            }
            log.info("ACME: device-attest-01 of order {} (enrollment {}) accepted, attestation {}: {}", orderId,
                    order.enrollmentRef(), result.verdict(), result.note());
        } else {
            Optional<String> problem = http01.validate(order.identifierValue(), challenge.token(),
                    challenge.token() + "." + thumbprint);
            if (problem.isPresent()) {
                throw new AcmeProblem("incorrectResponse", HttpStatus.BAD_REQUEST, "http-01: " + problem.get());
            }
            orders.challengeValid(orderId, type, now, null, "none", "http-01 validated");
            log.info("ACME: http-01 of order {} (enrollment {}) validated", orderId, order.enrollmentRef());
        }
        return orders.challenges(orderId).stream().filter(c -> c.type().equals(type)).findFirst().orElseThrow();
    }

    @Transactional
    public AcmeOrders.Order finalizeOrder(AcmeAccounts.Account account, String orderId, JsonNode payload) {
        AcmeOrders.Order order = orders.lock(orderId).filter(o -> o.accountId().equals(account.id()))
                .orElseThrow(() -> AcmeProblem.notFound("no order " + orderId + " of this account"));
        if (!"ready".equals(order.status())) {
            throw new AcmeProblem("orderNotReady", HttpStatus.FORBIDDEN, "order " + orderId + " is " + order.status()
                    + "; its challenge must be met first");
        }
        if (!clock.instant().isBefore(order.expiresAt())) {
            throw new AcmeProblem("orderNotReady", HttpStatus.FORBIDDEN, "order " + orderId + " has expired");
        }
        PublicKey key = csrKey(payload);
        if (order.attestedKey() != null && !Arrays.equals(order.attestedKey(), key.getEncoded())) {
            throw new AcmeProblem("badCSR", HttpStatus.BAD_REQUEST, "the CSR's key is not the key the device attested");
        }
        if (!clientIdentifiers.redeem(order.identifierValue())) {
            throw new AcmeProblem("rejectedIdentifier", HttpStatus.BAD_REQUEST, "the ClientIdentifier of order "
                    + orderId + " was used or expired meanwhile");
        }
        X509Certificate issued;
        try {
            issued = issuer.issue(order.enrollmentRef(), key);
        } catch (RuntimeException e) {
            // thrown out of the transaction: the ClientIdentifier stays unspent
            throw AcmeProblem.unauthorized("enrollment " + order.enrollmentRef() + " refused the certificate: "
                    + e.getMessage());
        }
        String serial = issued.getSerialNumber().toString(16);
        orders.issued(orderId, pem(issued, issuer.issuerCertificate()), serial);
        log.info("ACME: issued identity certificate {} for enrollment {} (order {}, attestation {})", serial,
                order.enrollmentRef(), orderId, order.attestation());
        return orders.find(orderId).orElseThrow();
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PublicKey csrKey(JsonNode payload) {
        PKCS10CertificationRequest csr;
        try {
            csr = new PKCS10CertificationRequest(Base64.getUrlDecoder().decode(payload.path("csr").asText("")));
        } catch (IOException | IllegalArgumentException e) {
            throw new AcmeProblem("badCSR", HttpStatus.BAD_REQUEST, "csr is not a base64url DER PKCS#10 request");
        }
        try {
            if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(BouncyCastle.PROVIDER)
                    .build(csr.getSubjectPublicKeyInfo()))) {
                throw new AcmeProblem("badCSR", HttpStatus.BAD_REQUEST, "the CSR's signature is not valid");
            }
            PublicKey key = new JcaPKCS10CertificationRequest(csr).setProvider(BouncyCastle.PROVIDER).getPublicKey();
            boolean strong = key instanceof ECPublicKey ec ? ec.getParams().getCurve().getField().getFieldSize() >= 256
                    : key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() >= 2048;
            if (!strong) {
                throw new AcmeProblem("badCSR", HttpStatus.BAD_REQUEST,
                        "the CSR's key must be EC P-256 or larger, or RSA of at least 2048 bits");
            }
            return key;
        } catch (AcmeProblem e) {
            throw e;
        } catch (Exception e) {
            throw new AcmeProblem("badCSR", HttpStatus.BAD_REQUEST, "the CSR could not be checked: " + e.getMessage());
        }
    }

    private static String pem(X509Certificate... chain) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            for (X509Certificate certificate : chain) {
                writer.writeObject(certificate);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
