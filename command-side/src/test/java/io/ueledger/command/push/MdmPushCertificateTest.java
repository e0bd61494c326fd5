package io.ueledger.command.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the PKCS#12 MDM push certificate, and the messages an operator gets when it is wrong. */
class MdmPushCertificateTest {

    private static final String TOPIC = "com.apple.mgmt.External.5c2b7e0a-1111-4d3b-8f5e-123456789abc";

    @TempDir
    Path dir;

    @Test
    void the_topic_is_the_subject_uid_of_the_push_certificate() throws Exception {
        Path p12 = keytool("UID=" + TOPIC + ", CN=APSP:5c2b7e0a, C=US", "secret");

        MdmPushCertificate certificate = MdmPushCertificate.load(p12, "secret");

        assertThat(certificate.topic()).isEqualTo(TOPIC);
        assertThat(certificate.notAfter()).isAfter(Instant.now());
        assertThat(certificate.privateKey()).isNotNull();
    }

    @Test
    void a_wrong_password_is_reported_with_the_setting_to_fix() throws Exception {
        Path p12 = keytool("UID=" + TOPIC + ", CN=APSP:x", "secret");

        assertThatThrownBy(() -> MdmPushCertificate.load(p12, "wrong"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("could not be read as PKCS#12")
                .hasMessageContaining("ueledger.apns.password");
    }

    @Test
    void a_certificate_that_is_not_for_mdm_is_refused() throws Exception {
        Path p12 = keytool("CN=www.example.com", "secret");

        assertThatThrownBy(() -> MdmPushCertificate.load(p12, "secret"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is not an MDM push certificate");
    }

    @Test
    void a_missing_file_names_the_file_and_the_setting() {
        Path missing = dir.resolve("nope.p12");

        assertThatThrownBy(() -> MdmPushCertificate.load(missing, "secret"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("ueledger.apns.certificate");
    }

    /** Makes a self-signed key pair in a PKCS#12 file with the JDK's own keytool. */
    private Path keytool(String subject, String password) throws IOException, InterruptedException {
        Path file = dir.resolve("cert-" + System.nanoTime() + ".p12");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keyalg", "RSA", "-keysize", "2048", "-alias", "mdm-push", "-dname", subject,
                "-validity", "30", "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", password)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(output).isZero();
        return file;
    }
}
