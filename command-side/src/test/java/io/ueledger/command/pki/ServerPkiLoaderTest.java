package io.ueledger.command.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.ueledger.command.pki.CertificateMaker.Kind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerPkiLoaderTest {

    private static final int DIGITAL_SIGNATURE = 0;
    private static final int KEY_ENCIPHERMENT = 2;
    private static final int KEY_CERT_SIGN = 5;

    private final CertificateMaker maker = new CertificateMaker(Clock.systemUTC());

    @TempDir
    Path dir;

    private ServerPki loadEmbedded() {
        return new ServerPkiLoader(new PkiProperties(dir, null, null), maker, "Example Corp").load();
    }

    @Test
    void first_start_generates_a_ca_and_a_signer_issued_by_it() throws Exception {
        ServerPki pki = loadEmbedded();

        X509Certificate ca = pki.deviceIdentityCa().certificate();
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(ca.getKeyUsage()[KEY_CERT_SIGN]).isTrue();
        assertThat(ca.getKeyUsage()[KEY_ENCIPHERMENT]).as("SCEP requests are encrypted to the CA key").isTrue();
        assertThat(ca.getSubjectX500Principal().getName()).contains("Example Corp");
        ca.verify(ca.getPublicKey());

        X509Certificate signer = pki.profileSigner().certificate();
        assertThat(signer.getBasicConstraints()).isEqualTo(-1);
        assertThat(signer.getKeyUsage()[DIGITAL_SIGNATURE]).isTrue();
        assertThat(signer.getKeyUsage()[KEY_CERT_SIGN]).isFalse();
        signer.verify(ca.getPublicKey());
        assertThat(pki.profileSigner().chain()).containsExactly(signer, ca);
    }

    @Test
    void keys_are_stored_with_an_owner_only_password_file_and_reloaded_unchanged_on_restart() throws Exception {
        ServerPki first = loadEmbedded();
        ServerPki second = loadEmbedded();

        assertThat(second.deviceIdentityCa().certificate()).isEqualTo(first.deviceIdentityCa().certificate());
        assertThat(second.profileSigner().certificate()).isEqualTo(first.profileSigner().certificate());
        assertThat(second.simulatedDeviceCa().certificate()).isEqualTo(first.simulatedDeviceCa().certificate());
        assertThat(second.deviceIdentityCa().privateKey().getEncoded())
                .isEqualTo(first.deviceIdentityCa().privateKey().getEncoded());
        for (String name : List.of("device-ca", "profile-signer", "simulated-device-ca")) {
            assertThat(Files.getPosixFilePermissions(dir.resolve(name + ".password")))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.getPosixFilePermissions(dir.resolve(name + ".p12")))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
    }

    @Test
    void a_configured_pem_identity_is_used_instead_of_generating_one() throws Exception {
        Identity ca = maker.selfSignedCa("CN=Configured CA,O=Prod", Duration.ofDays(30));
        Identity signer = maker.issueWithNewKey(ca, "CN=Configured Signer,O=Prod", Kind.SIGNING, Duration.ofDays(30));
        Path caCert = write("ca.pem", IdentityFiles.toPem(ca.certificate()));
        Path caKey = write("ca.key", IdentityFiles.toPem(ca.privateKey()));
        Path signerCert = write("signer.pem", IdentityFiles.toPem(signer.certificate())
                + IdentityFiles.toPem(ca.certificate()));
        Path signerKey = write("signer.key", IdentityFiles.toPem(signer.privateKey()));

        ServerPki pki = new ServerPkiLoader(new PkiProperties(dir.resolve("pki"),
                new PkiProperties.IdentitySource(null, null, null, null, caCert, caKey),
                new PkiProperties.IdentitySource(null, null, null, null, signerCert, signerKey)),
                maker, "Example Corp").load();

        assertThat(pki.deviceIdentityCa().certificate()).isEqualTo(ca.certificate());
        assertThat(pki.profileSigner().chain()).containsExactly(signer.certificate(), ca.certificate());
        assertThat(dir.resolve("pki/device-ca.p12")).doesNotExist();
    }

    @Test
    void a_pkcs12_made_by_openssl_can_be_configured_as_the_device_ca() throws Exception {
        assumeThat(Files.isExecutable(Path.of("/usr/bin/openssl"))).as("openssl installed").isTrue();
        Identity ca = maker.selfSignedCa("CN=OpenSSL CA,O=Prod", Duration.ofDays(30));
        Path cert = write("ca.pem", IdentityFiles.toPem(ca.certificate()));
        Path key = write("ca.key", IdentityFiles.toPem(ca.privateKey()));
        Path store = dir.resolve("ca.p12");
        Process openssl = new ProcessBuilder("openssl", "pkcs12", "-export", "-in", cert.toString(), "-inkey",
                key.toString(), "-out", store.toString(), "-passout", "pass:s3cret", "-name", "device-ca")
                .redirectErrorStream(true).start();
        assertThat(openssl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(openssl.exitValue()).as(new String(openssl.getInputStream().readAllBytes())).isZero();

        ServerPki pki = new ServerPkiLoader(new PkiProperties(dir.resolve("pki"),
                new PkiProperties.IdentitySource(store, "s3cret", null, "device-ca", null, null), null),
                maker, "Example Corp").load();

        assertThat(pki.deviceIdentityCa().certificate()).isEqualTo(ca.certificate());
        pki.profileSigner().certificate().verify(ca.certificate().getPublicKey());
    }

    @Test
    void with_no_anchor_configured_the_simulated_device_ca_is_the_only_trusted_device_ca() {
        ServerPki pki = loadEmbedded();
        DeviceTrustAnchors anchors = DeviceTrustAnchors.from(new DeviceTrustProperties(List.of(), false), pki);
        assertThat(anchors.certificates()).containsExactly(pki.simulatedDeviceCa().certificate());
    }

    @Test
    void configured_anchor_files_replace_the_simulated_device_ca() throws Exception {
        ServerPki pki = loadEmbedded();
        Identity apple = maker.selfSignedCa("CN=Stand-in Apple Device CA", Duration.ofDays(30));
        Path pem = write("apple.pem", IdentityFiles.toPem(apple.certificate()));
        DeviceTrustAnchors anchors = DeviceTrustAnchors.from(new DeviceTrustProperties(List.of(pem), false), pki);
        assertThat(anchors.certificates()).containsExactly(apple.certificate());
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }
}
