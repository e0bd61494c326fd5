package io.ueledger.command.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.ueledger.command.pki.CertificateMaker;
import io.ueledger.command.pki.Identity;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceAttestationTest {

    private static final CertificateMaker MAKER = new CertificateMaker(Clock.systemUTC());
    private static final Identity ROOT = MAKER.selfSignedCa("CN=Test Attestation Root", Duration.ofDays(30));
    private static final Identity OTHER_ROOT = MAKER.selfSignedCa("CN=Somebody Else's Root", Duration.ofDays(30));
    private static final String TOKEN = "token-of-this-challenge";

    @TempDir
    Path dir;

    @Test
    void a_fresh_statement_chaining_to_the_configured_root_is_verified_and_names_the_attested_key() throws Exception {
        KeyPair device = p384();
        DeviceAttestation.Result result = attestation(rootFile(ROOT), false)
                .check(payload("apple", leaf(ROOT, device, TOKEN)), TOKEN);

        assertThat(result.verdict()).isEqualTo("verified");
        assertThat(result.attestedKey()).isEqualTo(device.getPublic().getEncoded());
    }

    @Test
    void without_a_configured_root_the_statement_is_kept_as_unverified_evidence() throws Exception {
        DeviceAttestation.Result result = attestation(null, false)
                .check(payload("apple", leaf(OTHER_ROOT, p384(), TOKEN)), TOKEN);

        assertThat(result.verdict()).isEqualTo("unverified");
        assertThat(result.note()).contains("no Apple attestation root configured");
    }

    @Test
    void a_statement_for_another_token_or_another_root_is_refused() throws Exception {
        DeviceAttestation withRoot = attestation(rootFile(ROOT), false);

        assertThatThrownBy(() -> withRoot.check(payload("apple", leaf(ROOT, p384(), "an-older-token")), TOKEN))
                .isInstanceOf(AcmeProblem.class).hasMessageContaining("freshness code")
                .extracting(e -> ((AcmeProblem) e).type())
                .isEqualTo("urn:ietf:params:acme:error:badAttestationStatement");
        assertThatThrownBy(() -> withRoot.check(payload("apple", leaf(OTHER_ROOT, p384(), TOKEN)), TOKEN))
                .isInstanceOf(AcmeProblem.class).hasMessageContaining("does not chain");
        assertThatThrownBy(() -> withRoot.check(payload("packed", leaf(ROOT, p384(), TOKEN)), TOKEN))
                .isInstanceOf(AcmeProblem.class).hasMessageContaining("not Apple's");
        assertThatThrownBy(() -> withRoot.check(new ObjectMapper().createObjectNode().put("attObj", "bm90IGNib3I"),
                TOKEN)).isInstanceOf(AcmeProblem.class);
    }

    @Test
    void no_attestation_is_accepted_unless_the_server_requires_one() throws Exception {
        assertThat(attestation(null, false).check(payload("none", null), TOKEN).verdict()).isEqualTo("none");
        assertThatThrownBy(() -> attestation(null, true).check(payload("none", null), TOKEN))
                .isInstanceOf(AcmeProblem.class).hasMessageContaining("requires an attestation");
    }

    private static DeviceAttestation attestation(Path root, boolean required) {
        return new DeviceAttestation(new AcmeProperties(true, "/acme", Duration.ofHours(1), Duration.ofHours(1),
                Duration.ofHours(1), root, required, new AcmeProperties.Http01(false, null, false)),
                Clock.systemUTC());
    }

    private static JsonNode payload(String format, X509Certificate leaf) throws Exception {
        Map<String, Object> statement = leaf == null
                ? Map.of("fmt", format, "attStmt", Map.of(), "authData", new byte[37])
                : Map.of("fmt", format, "attStmt", Map.of("x5c", List.of(leaf.getEncoded())),
                        "authData", new byte[37]);
        String attObj = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(new CBORMapper().writeValueAsBytes(statement));
        return new ObjectMapper().createObjectNode().put("attObj", attObj);
    }

    private static X509Certificate leaf(Identity issuer, KeyPair device, String token) throws Exception {
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded()), BigInteger.TEN,
                Date.from(now.minusSeconds(60)), Date.from(now.plusSeconds(3600)), new X500Name("CN=attested key"),
                device.getPublic());
        builder.addExtension(new ASN1ObjectIdentifier(DeviceAttestation.FRESHNESS_OID), false,
                DeviceAttestation.sha256(token));
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuer.privateKey())));
    }

    private Path rootFile(Identity root) throws Exception {
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            writer.writeObject(root.certificate());
        }
        Path file = dir.resolve("root.pem");
        Files.writeString(file, pem.toString());
        return file;
    }

    private static KeyPair p384() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp384r1"));
        return generator.generateKeyPair();
    }
}
