package io.ueledger.command.enrollment.request;

import io.ueledger.command.plist.SafePlistParser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ueledger.command.pki.CertificateMaker;
import io.ueledger.command.pki.CertificateMaker.Kind;
import io.ueledger.command.pki.CmsSigning;
import io.ueledger.command.pki.DeviceTrustAnchors;
import io.ueledger.kernel.enrollment.SignerCertificate;
import io.ueledger.kernel.enrollment.SignerEvidence;
import io.ueledger.kernel.enrollment.SignerVerdict;
import io.ueledger.command.pki.Identity;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnrollmentRequestReaderTest {

    private static final CertificateMaker MAKER = new CertificateMaker(Clock.systemUTC());
    private static final Identity DEVICE_CA = MAKER.selfSignedCa("CN=Simulated Device CA", Duration.ofDays(365));
    private static final Identity DEVICE = MAKER.issueWithNewKey(DEVICE_CA, "CN=device-1234", Kind.CLIENT_IDENTITY,
            Duration.ofDays(30));

    private static final String APPLE_DOCTYPE = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" "
            + "\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n";

    private static final String MACHINE_INFO = APPLE_DOCTYPE + """
            <plist version="1.0">
            <dict>
              <key>LANGUAGE</key><string>en-US</string>
              <key>OS_VERSION</key><string>18.2.1</string>
              <key>PRODUCT</key><string>iPhone17,2</string>
              <key>SUPPLEMENTAL_BUILD_VERSION</key><string>22C161</string>
              <key>VERSION</key><string>22C161</string>
            </dict>
            </plist>
            """;

    /** With require-trusted-signer on: an untrusted signer is refused. */
    private final EnrollmentRequestReader reader = new EnrollmentRequestReader(
            new DeviceTrustAnchors(List.of(DEVICE_CA.certificate())), true, Clock.systemUTC());
    /** The default policy: an untrusted signer is recorded, not refused. */
    private final EnrollmentRequestReader recording = new EnrollmentRequestReader(
            new DeviceTrustAnchors(List.of(DEVICE_CA.certificate())), false, Clock.systemUTC());

    private static byte[] signedByDevice(String plist) {
        return CmsSigning.signAttached(plist.getBytes(StandardCharsets.UTF_8), DEVICE);
    }

    @Test
    void a_signed_machine_info_from_a_trusted_device_is_read() {
        byte[] body = signedByDevice(MACHINE_INFO);

        EnrollmentRequest request = reader.read(body);

        assertThat(request.machineInfo()).isEqualTo(
                new MachineInfo("en-US", "iPhone17,2", "22C161", "18.2.1", "22C161", null));
        assertThat(request.signerSubject()).isEqualTo("CN=device-1234");
        assertThat(request.bodyDigest()).hasSize(64).isEqualTo(EnrollmentRequestReader.sha256Hex(body));
    }

    @Test
    void a_device_whose_certificate_is_not_from_a_trusted_ca_is_refused() {
        Identity otherCa = MAKER.selfSignedCa("CN=Somebody Else's CA", Duration.ofDays(30));
        Identity stranger = MAKER.issueWithNewKey(otherCa, "CN=stranger", Kind.CLIENT_IDENTITY, Duration.ofDays(30));
        byte[] body = CmsSigning.signAttached(MACHINE_INFO.getBytes(StandardCharsets.UTF_8), stranger);

        assertThatThrownBy(() -> reader.read(body))
                .isInstanceOf(EnrollmentRequestRefused.Untrusted.class)
                .hasMessageContaining("CN=stranger").hasMessageContaining("not issued by a trusted device CA");
    }

    @Test
    void a_device_certificate_that_has_expired_is_refused() {
        EnrollmentRequestReader later = new EnrollmentRequestReader(
                new DeviceTrustAnchors(List.of(DEVICE_CA.certificate())), true,
                Clock.fixed(Instant.now().plus(Duration.ofDays(60)), ZoneOffset.UTC));

        assertThatThrownBy(() -> later.read(signedByDevice(MACHINE_INFO)))
                .isInstanceOf(EnrollmentRequestRefused.Untrusted.class);
    }

    @Test
    void by_default_a_trusted_signer_is_recorded_with_its_chain_and_anchor() {
        EnrollmentRequest request = recording.read(signedByDevice(MACHINE_INFO));

        SignerEvidence evidence = request.signerEvidence();
        assertThat(evidence.verdict()).isEqualTo(SignerVerdict.TRUSTED);
        assertThat(evidence.gated()).isFalse();
        assertThat(evidence.anchor()).isEqualTo(DEVICE_CA.certificate().getSubjectX500Principal().getName());
        assertThat(evidence.chain()).extracting(SignerCertificate::subject).containsExactly("CN=device-1234");
        assertThat(evidence.chain().get(0).sha256()).hasSize(64);
    }

    @Test
    void by_default_an_untrusted_signer_is_accepted_and_its_chain_and_verdict_recorded() {
        Identity otherCa = MAKER.selfSignedCa("CN=Somebody Else's CA", Duration.ofDays(30));
        Identity stranger = MAKER.issueWithNewKey(otherCa, "CN=stranger", Kind.CLIENT_IDENTITY, Duration.ofDays(30));
        byte[] body = CmsSigning.signAttached(MACHINE_INFO.getBytes(StandardCharsets.UTF_8), stranger);

        EnrollmentRequest request = recording.read(body);

        assertThat(request.signerEvidence().verdict()).isEqualTo(SignerVerdict.UNTRUSTED);
        assertThat(request.signerEvidence().anchor()).isNull();
        assertThat(request.signerEvidence().reason()).contains("no path to a configured anchor");
        assertThat(request.signerEvidence().chain()).extracting(SignerCertificate::subject).startsWith("CN=stranger");
    }

    @Test
    void by_default_an_expired_signer_is_recorded_as_untrusted() {
        EnrollmentRequestReader later = new EnrollmentRequestReader(
                new DeviceTrustAnchors(List.of(DEVICE_CA.certificate())), false,
                Clock.fixed(Instant.now().plus(Duration.ofDays(60)), ZoneOffset.UTC));

        assertThat(later.read(signedByDevice(MACHINE_INFO)).signerEvidence().verdict())
                .isEqualTo(SignerVerdict.UNTRUSTED);
    }

    @Test
    void a_broken_signature_is_refused_even_by_default() {
        byte[] body = signedByDevice(MACHINE_INFO);
        int at = indexOf(body, "iPhone17,2".getBytes(StandardCharsets.US_ASCII));
        body[at + 6] = '9';

        assertThatThrownBy(() -> recording.read(body))
                .isInstanceOf(EnrollmentRequestRefused.Untrusted.class)
                .hasMessageContaining("signature");
    }

    @Test
    void a_body_changed_after_signing_is_refused() {
        byte[] body = signedByDevice(MACHINE_INFO);
        int at = indexOf(body, "iPhone17,2".getBytes(StandardCharsets.US_ASCII));
        body[at + 6] = '9'; // iPhone97,2: the signature no longer matches

        assertThatThrownBy(() -> reader.read(body))
                .isInstanceOf(EnrollmentRequestRefused.Untrusted.class)
                .hasMessageContaining("signature");
    }

    @Test
    void a_body_with_a_hardware_identifier_is_a_device_enrollment_and_is_refused() {
        String withSerial = MACHINE_INFO.replace("<dict>", "<dict><key>UDID</key><string>0000-1111</string>"
                + "<key>SERIAL</key><string>C02XYZ</string>");

        assertThatThrownBy(() -> reader.read(signedByDevice(withSerial)))
                .isInstanceOf(EnrollmentRequestRefused.DeviceEnrollment.class)
                .hasMessageContaining("UDID, SERIAL")
                .hasMessageContaining("device enrollment, not a User Enrollment");
    }

    @Test
    void an_external_entity_xxe_plist_is_refused_without_reading_the_file() {
        String xxe = """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE plist [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
                <plist version="1.0"><dict><key>PRODUCT</key><string>&xxe;</string></dict></plist>
                """;

        assertThatThrownBy(() -> reader.read(signedByDevice(xxe)))
                .isInstanceOf(EnrollmentRequestRefused.Malformed.class)
                .hasMessageContaining("entities")
                .hasMessageNotContaining("root:");
    }

    @Test
    void a_billion_laughs_plist_is_refused() {
        StringBuilder laughs = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n"
                + " <!ENTITY lol \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            laughs.append(" <!ENTITY lol").append(i).append(" \"")
                    .append(("&lol" + (i == 1 ? "" : String.valueOf(i - 1)) + ";").repeat(10)).append("\">\n");
        }
        laughs.append("]>\n<plist version=\"1.0\"><dict><key>PRODUCT</key><string>&lol9;</string></dict></plist>");

        assertThatThrownBy(() -> reader.read(signedByDevice(laughs.toString())))
                .isInstanceOf(EnrollmentRequestRefused.Malformed.class)
                .hasMessageContaining("entities");
    }

    @Test
    void the_xml_parser_itself_resolves_no_external_entity_even_when_the_text_check_is_bypassed() {
        // UTF-16 hides "<!ENTITY" from the byte-level check, so the hardened parser must hold on its own.
        String xxe = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n"
                + "<!DOCTYPE plist [ <!ENTITY xxe SYSTEM \"file:///etc/passwd\"> ]>\n"
                + "<plist version=\"1.0\"><dict><key>PRODUCT</key><string>&xxe;</string></dict></plist>";
        byte[] utf16 = xxe.getBytes(StandardCharsets.UTF_16);

        String outcome;
        try {
            outcome = SafePlistParser.parse(utf16).toXMLPropertyList();
        } catch (IllegalArgumentException refused) {
            outcome = refused.getMessage();
        }
        assertThat(outcome).doesNotContain("root:");
    }

    @Test
    void a_body_over_64_kib_is_refused_before_any_parsing() {
        byte[] huge = new byte[EnrollmentRequestReader.MAX_BODY_BYTES + 1];
        huge[0] = 0x30;

        assertThatThrownBy(() -> reader.read(huge))
                .isInstanceOf(EnrollmentRequestRefused.TooLarge.class)
                .hasMessageContaining("at most 65536");
    }

    @Test
    void a_base64_wrapped_body_is_refused_with_a_message_saying_so() {
        byte[] base64 = Base64.getEncoder().encode(signedByDevice(MACHINE_INFO));

        assertThatThrownBy(() -> reader.read(base64))
                .isInstanceOf(EnrollmentRequestRefused.Malformed.class)
                .hasMessageContaining("base64");
    }

    @Test
    void a_plain_unsigned_plist_is_refused() {
        assertThatThrownBy(() -> reader.read(MACHINE_INFO.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EnrollmentRequestRefused.Malformed.class)
                .hasMessageContaining("not a CMS signed message");
    }

    @Test
    void a_machine_info_without_product_is_refused() {
        String noProduct = MACHINE_INFO.replace("<key>PRODUCT</key><string>iPhone17,2</string>", "");

        assertThatThrownBy(() -> reader.read(signedByDevice(noProduct)))
                .isInstanceOf(EnrollmentRequestRefused.Malformed.class)
                .hasMessageContaining("PRODUCT");
    }

    @Test
    void refusals_carry_the_http_status_the_device_gets() {
        assertThat(new EnrollmentRequestRefused.Malformed("x").status().value()).isEqualTo(400);
        assertThat(new EnrollmentRequestRefused.TooLarge("x").status().value()).isEqualTo(413);
        assertThat(new EnrollmentRequestRefused.Untrusted("x", null).status().value()).isEqualTo(403);
        assertThat(new EnrollmentRequestRefused.DeviceEnrollment("x").status().value()).isEqualTo(403);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
