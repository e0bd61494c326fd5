package io.ueledger.ops.acme;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.ueledger.command.device.DeviceIdentityDirectory;
import io.ueledger.command.pki.ServerPki;
import io.ueledger.kernel.device.Platform;
import io.ueledger.kernel.enrollment.IdentityAttestationRecorded;
import org.axonframework.eventsourcing.eventstore.EventStore;
import io.ueledger.ops.simulator.DeviceSpec;
import io.ueledger.ops.simulator.SimulatedDevice;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Simulated devices enrolling with ACME switched on: an iOS 17 iPhone gets the com.apple.security.acme
 * payload, obtains its identity with device-attest-01 (attested by the simulated attestation service,
 * whose root the server trusts) and checks in with it; an iOS 15 iPhone, which has no ACME payload,
 * gets SCEP. Bad ACME input (forged signature, reused nonce, unknown ClientIdentifier) gets its RFC 8555
 * error and changes nothing.
 */
class AcmeDeviceEnrollmentIT extends AcmeTestServer {

    private static final String ALICE = "alice@corp.example";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    ServerPki pki;
    @Autowired
    DeviceIdentityDirectory identities;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventStore events;

    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void alice() {
        givenActiveAccount(ALICE, "Alice Example");
    }

    @Test
    void an_ios_17_iphone_gets_its_identity_over_acme_with_a_verified_attestation_and_checks_in_with_it()
            throws Exception {
        SimulatedDevice device = SimulatedDevice.create(URI.create(BASE), DeviceSpec.of(Platform.IOS, "17.4", ALICE,
                "alice-demo"), pki.simulatedDeviceCa()).attestingWith(ATTESTATION);

        device.enroll();

        assertThat(device.identityProtocol()).isEqualTo("acme");
        assertThat(device.isEnrolled()).isTrue();
        assertThat(device.identityCertificate().getPublicKey()).isInstanceOf(ECPublicKey.class);
        device.identityCertificate().verify(pki.deviceIdentityCa().certificate().getPublicKey());
        String enrollmentRef = identities.enrollmentOf(AcmeClientsIT.sha256(device.identityCertificate()))
                .orElseThrow();
        assertThat(jdbc.queryForObject("select attestation from acme_order where enrollment_ref = ? and status = "
                + "'valid'", String.class, enrollmentRef)).isEqualTo("verified");
        // the evidence is an event on the enrollment, naming the key the certificate was issued for
        assertThat(events.readEvents(enrollmentRef).asStream().map(message -> message.getPayload())
                .filter(IdentityAttestationRecorded.class::isInstance).map(IdentityAttestationRecorded.class::cast)
                .toList()).singleElement().satisfies(attested -> {
                    assertThat(attested.verdict()).isEqualTo("verified");
                    assertThat(attested.attestedKeySha256()).isEqualTo(java.util.HexFormat.of().formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(
                                    device.identityCertificate().getPublicKey().getEncoded())));
                });
        // the identity signs the command channel too: the server answers the polls it signs
        assertThat(device.poll()).isNotNull();
    }

    @Test
    void an_ios_15_iphone_keeps_scep() {
        SimulatedDevice device = SimulatedDevice.create(URI.create(BASE), DeviceSpec.of(Platform.IOS, "15.7", ALICE,
                "alice-demo"), pki.simulatedDeviceCa());

        device.enroll();

        assertThat(device.identityProtocol()).isEqualTo("scep");
        assertThat(device.isEnrolled()).isTrue();
    }

    @Test
    void a_forged_signature_a_reused_nonce_and_an_unknown_client_identifier_get_acme_errors_and_change_nothing()
            throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).generate();
        int accounts = count("acme_account");

        String nonce = nonce();
        HttpResponse<String> forged = post(BASE + "/acme/new-account", "{\"termsOfServiceAgreed\":true}", key, nonce,
                true, true, null);
        assertProblem(forged, 400, "urn:ietf:params:acme:error:malformed", "signature");
        assertThat(count("acme_account")).isEqualTo(accounts);

        String used = nonce();
        HttpResponse<String> created = post(BASE + "/acme/new-account", "{\"termsOfServiceAgreed\":true}", key, used,
                true, false, null);
        assertThat(created.statusCode()).isEqualTo(201);
        ECKey other = new ECKeyGenerator(Curve.P_256).generate();
        HttpResponse<String> replayed = post(BASE + "/acme/new-account", "{\"termsOfServiceAgreed\":true}", other, used,
                true, false, null);
        assertProblem(replayed, 400, "urn:ietf:params:acme:error:badNonce", "nonce");
        assertThat(count("acme_account")).isEqualTo(accounts + 1);

        String kid = created.headers().firstValue("Location").orElseThrow();
        int orders = count("acme_order");
        int challenges = count("acme_challenge");
        HttpResponse<String> wrongIdentifier = post(BASE + "/acme/new-order",
                "{\"identifiers\":[{\"type\":\"permanent-identifier\",\"value\":\"uenotissuedbythisserver\"}]}", key,
                nonce(), false, false, kid);
        assertProblem(wrongIdentifier, 400, "urn:ietf:params:acme:error:rejectedIdentifier", "ClientIdentifier");
        assertThat(count("acme_order")).isEqualTo(orders);
        assertThat(count("acme_challenge")).isEqualTo(challenges);
    }

    private int count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Integer.class);
    }

    private String nonce() throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(BASE + "/acme/new-nonce"))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding()).headers().firstValue("Replay-Nonce").orElseThrow();
    }

    private HttpResponse<String> post(String url, String payload, ECKey key, String nonce, boolean withJwk,
                                      boolean forgeSignature, String kid) throws Exception {
        JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.ES256).customParam("url", url)
                .customParam("nonce", nonce);
        if (withJwk) {
            header.jwk(key.toPublicJWK());
        } else {
            header.keyID(kid);
        }
        JWSObject jws = new JWSObject(header.build(), new Payload(payload));
        jws.sign(new ECDSASigner(key));
        String signature = jws.getSignature().toString();
        if (forgeSignature) {
            signature = flip(signature); // one character changed, as a tampering proxy or a broken client would
        }
        String body = JSON.writeValueAsString(Map.of("protected", jws.getHeader().toBase64URL().toString(),
                "payload", jws.getPayload().toBase64URL().toString(), "signature", signature));
        return client.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/jose+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String flip(String base64url) {
        char first = base64url.charAt(0);
        return (first == 'A' ? 'B' : 'A') + base64url.substring(1);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type, String detailWord)
            throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(response.headers().firstValue("Replay-Nonce")).isPresent();
        JsonNode problem = JSON.readTree(response.body().getBytes(StandardCharsets.UTF_8));
        assertThat(problem.path("type").asText()).isEqualTo(type);
        assertThat(problem.path("detail").asText()).containsIgnoringCase(detailWord);
    }
}
