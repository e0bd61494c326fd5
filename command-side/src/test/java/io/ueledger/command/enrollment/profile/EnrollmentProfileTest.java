package io.ueledger.command.enrollment.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.dd.plist.NSArray;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSObject;
import io.ueledger.command.plist.SafePlistParser;
import io.ueledger.command.organisation.OrganisationProperties;
import io.ueledger.command.pki.CertificateMaker;
import io.ueledger.command.pki.CertificateMaker.Kind;
import io.ueledger.command.pki.Identity;
import io.ueledger.command.pki.IdentityFiles;
import io.ueledger.command.pki.ServerPki;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.cms.CMSSignedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrollmentProfileTest {

    private static final CertificateMaker MAKER = new CertificateMaker(Clock.systemUTC());
    private static final Identity CA = MAKER.selfSignedCa("CN=Example Corp Device Identity CA,O=Example Corp",
            Duration.ofDays(365));
    private static final Identity SIGNER = MAKER.issueWithNewKey(CA, "CN=Example Corp Profile Signing",
            Kind.SIGNING, Duration.ofDays(30));
    private static final String TOPIC = "com.apple.mgmt.External.2f5c8d0e-1b2a-4c3d-9e8f-0a1b2c3d4e5f";

    private final EnrollmentProfileBuilder builder = new EnrollmentProfileBuilder(
            new OrganisationProperties("Example Corp", List.of("corp.example"), URI.create("https://mdm.corp.example/")),
            new EnrollmentProfileProperties(null, "Work data management", "/mdm/server", "/mdm/checkin",
                    "/mdm/scep", "/acme/directory"), new ProfileTopic(null, () -> java.util.Optional.of(TOPIC)), false);
    private final EnrollmentProfileSigner signer = new EnrollmentProfileSigner(new ServerPki(CA, SIGNER, CA));

    @TempDir
    Path dir;

    private SignedProfile profile(String enrollmentRef) {
        return signer.sign(builder.build(enrollmentRef, "alice@corp.example", "one-time-challenge"), TOPIC);
    }

    private static NSDictionary readBack(SignedProfile signed) throws Exception {
        byte[] content = (byte[]) new CMSSignedData(signed.bytes()).getSignedContent().getContent();
        return (NSDictionary) SafePlistParser.parse(content);
    }

    private static NSDictionary payload(NSDictionary profile, String type) {
        for (NSObject o : ((NSArray) profile.get("PayloadContent")).getArray()) {
            NSDictionary p = (NSDictionary) o;
            if (p.get("PayloadType").toJavaObject().equals(type)) {
                return p;
            }
        }
        throw new AssertionError("no " + type + " payload");
    }

    @Test
    void the_outer_configuration_is_a_user_scoped_profile_of_the_organisation() throws Exception {
        SignedProfile signed = profile("enr-1");
        NSDictionary profile = readBack(signed);

        assertThat(profile.get("PayloadType").toJavaObject()).isEqualTo("Configuration");
        assertThat(profile.get("PayloadIdentifier").toJavaObject()).isEqualTo("io.ueledger.enrollment.enr-1")
                .isEqualTo(signed.profileIdentifier());
        assertThat(profile.get("PayloadUUID").toJavaObject()).isEqualTo(signed.profileUuid());
        assertThat(profile.get("PayloadVersion").toJavaObject()).isEqualTo(1);
        assertThat(profile.get("PayloadOrganization").toJavaObject()).isEqualTo("Example Corp");
        assertThat(profile.get("PayloadDisplayName").toJavaObject()).isEqualTo("Work data management");
        assertThat(profile.get("PayloadScope").toJavaObject()).isEqualTo("User");
        assertThat(signed.topic()).isEqualTo(TOPIC);
    }

    @Test
    void the_mdm_payload_is_byod_for_the_signed_in_account_without_access_rights() throws Exception {
        NSDictionary profile = readBack(profile("enr-2"));
        NSDictionary mdm = payload(profile, "com.apple.mdm");
        NSDictionary scep = payload(profile, "com.apple.security.scep");

        assertThat(mdm.containsKey("AccessRights")).isFalse();
        assertThat(mdm.containsKey("ManagedAppleID")).as("legacy profile-driven UE key").isFalse();
        assertThat(mdm.get("EnrollmentMode").toJavaObject()).isEqualTo("BYOD");
        assertThat(mdm.get("AssignedManagedAppleID").toJavaObject()).isEqualTo("alice@corp.example");
        assertThat(mdm.get("Topic").toJavaObject()).isEqualTo(TOPIC);
        assertThat(mdm.get("ServerURL").toJavaObject()).isEqualTo("https://mdm.corp.example/mdm/server");
        assertThat(mdm.get("CheckInURL").toJavaObject()).isEqualTo("https://mdm.corp.example/mdm/checkin");
        assertThat(mdm.get("SignMessage").toJavaObject()).isEqualTo(true);
        assertThat(mdm.get("CheckOutWhenRemoved").toJavaObject()).isEqualTo(true);
        assertThat((Object[]) mdm.get("ServerCapabilities").toJavaObject())
                .containsExactly("com.apple.mdm.per-user-connections");
        assertThat(mdm.get("IdentityCertificateUUID").toJavaObject()).isEqualTo(scep.get("PayloadUUID").toJavaObject());
    }

    @Test
    void the_scep_payload_asks_for_an_rsa_2048_identity_with_the_enrollments_subject_and_challenge()
            throws Exception {
        NSDictionary content = (NSDictionary) payload(readBack(profile("enr-3")), "com.apple.security.scep")
                .get("PayloadContent");

        assertThat(content.get("URL").toJavaObject()).isEqualTo("https://mdm.corp.example/mdm/scep");
        assertThat(content.get("Challenge").toJavaObject()).isEqualTo("one-time-challenge");
        assertThat(content.get("Key Type").toJavaObject()).isEqualTo("RSA");
        assertThat(content.get("Keysize").toJavaObject()).isEqualTo(2048);
        assertThat(content.get("Key Usage").toJavaObject()).isEqualTo(5);
        assertThat(content.get("Subject").toXMLPropertyList())
                .contains("<string>O</string>", "<string>Example Corp</string>", "<string>CN</string>",
                        "<string>ue-ledger identity enr-3</string>");
    }

    @Test
    void identifiers_are_stable_per_enrollment_and_differ_between_enrollments() {
        SignedProfile first = profile("enr-4");
        SignedProfile again = profile("enr-4");
        SignedProfile other = profile("enr-5");

        assertThat(again.profileIdentifier()).isEqualTo(first.profileIdentifier());
        assertThat(again.profileUuid()).isEqualTo(first.profileUuid());
        assertThat(other.profileUuid()).isNotEqualTo(first.profileUuid());
        assertThat(other.profileIdentifier()).isNotEqualTo(first.profileIdentifier());
    }

    @Test
    void the_payload_digest_is_the_sha256_of_the_signed_plist() throws Exception {
        SignedProfile signed = profile("enr-6");
        byte[] content = (byte[]) new CMSSignedData(signed.bytes()).getSignedContent().getContent();

        assertThat(signed.payloadDigest())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
    }

    @Test
    void openssl_verifies_the_signed_profile_against_the_ca_and_outputs_the_plist() throws Exception {
        assumeThat(Files.isExecutable(Path.of("/usr/bin/openssl"))).as("openssl installed").isTrue();
        Path profile = Files.write(dir.resolve("profile.mobileconfig"), profile("enr-7").bytes());
        Path ca = Files.writeString(dir.resolve("ca.pem"), IdentityFiles.toPem(CA.certificate()));
        Path out = dir.resolve("out.plist");

        Process openssl = new ProcessBuilder("openssl", "cms", "-verify", "-inform", "DER", "-in", profile.toString(),
                "-CAfile", ca.toString(), "-out", out.toString()).redirectErrorStream(true).start();
        assertThat(openssl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String said = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(openssl.exitValue()).as(said).isZero();
        assertThat(said).contains("Verification successful");
        assertThat(Files.readString(out)).contains("<string>BYOD</string>");
    }

    @Test
    void openssl_refuses_the_profile_against_another_ca() throws Exception {
        assumeThat(Files.isExecutable(Path.of("/usr/bin/openssl"))).as("openssl installed").isTrue();
        Identity stranger = MAKER.selfSignedCa("CN=Another CA", Duration.ofDays(30));
        Path profile = Files.write(dir.resolve("profile.mobileconfig"), profile("enr-8").bytes());
        Path ca = Files.writeString(dir.resolve("other.pem"), IdentityFiles.toPem(stranger.certificate()));

        Process openssl = new ProcessBuilder("openssl", "cms", "-verify", "-inform", "DER", "-in", profile.toString(),
                "-CAfile", ca.toString(), "-out", dir.resolve("x").toString()).redirectErrorStream(true).start();
        assertThat(openssl.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(openssl.exitValue()).isNotZero();
    }

    @Test
    void the_topic_is_the_push_certificates_and_a_configured_topic_that_disagrees_stops_profiles() {
        ProfileTopic agreeing = new ProfileTopic(TOPIC, () -> java.util.Optional.of(TOPIC));
        ProfileTopic disagreeing = new ProfileTopic("com.apple.mgmt.External.other",
                () -> java.util.Optional.of(TOPIC));
        ProfileTopic noCertificate = new ProfileTopic(null, java.util.Optional::empty);

        assertThat(agreeing.current()).isEqualTo(TOPIC);
        org.assertj.core.api.Assertions.assertThatThrownBy(disagreeing::current)
                .isInstanceOf(PushTopicMismatch.class).hasMessageContaining("com.apple.mgmt.External.other")
                .hasMessageContaining(TOPIC);
        assertThat(noCertificate.current()).isEqualTo(ProfileTopic.PLACEHOLDER);
    }

    @Test
    void an_acme_profile_asks_for_an_attested_p384_key_and_the_mdm_payload_names_it_as_identity() throws Exception {
        NSDictionary profile = readBack(signer.sign(builder.build("enr-acme", "alice@corp.example",
                new IdentityPayload.Acme("ueabc", true, true), TOPIC), TOPIC));
        NSDictionary acme = payload(profile, "com.apple.security.acme");

        assertThat(acme.get("DirectoryURL").toJavaObject()).isEqualTo("https://mdm.corp.example/acme/directory");
        assertThat(acme.get("ClientIdentifier").toJavaObject()).isEqualTo("ueabc");
        assertThat(acme.get("KeyType").toJavaObject()).isEqualTo("ECSECPrimeRandom");
        assertThat(acme.get("KeySize").toJavaObject()).isEqualTo(384);
        assertThat(acme.get("HardwareBound").toJavaObject()).isEqualTo(true);
        assertThat(acme.get("Attest").toJavaObject()).isEqualTo(true);
        assertThat(payload(profile, "com.apple.mdm").get("IdentityCertificateUUID").toJavaObject())
                .isEqualTo(acme.get("PayloadUUID").toJavaObject());
        assertThat(((NSArray) profile.get("PayloadContent")).getArray()).noneMatch(p -> "com.apple.security.scep"
                .equals(((NSDictionary) p).get("PayloadType").toJavaObject()));
    }

    @Test
    void use_development_apns_is_set_only_for_the_development_gateway() {
        EnrollmentProfileBuilder development = new EnrollmentProfileBuilder(
                new OrganisationProperties("Example Corp", List.of("corp.example"), URI.create("https://mdm.corp.example/")),
                new EnrollmentProfileProperties(null, "Work data management", "/mdm/server", "/mdm/checkin",
                        "/mdm/scep", "/acme/directory"), new ProfileTopic(null, () -> java.util.Optional.of(TOPIC)), true);

        assertThat(mdmPayloadOf(development.build("ref-dev", "alice@corp.example", "c")).get("UseDevelopmentAPNS")
                .toJavaObject()).isEqualTo(true);
        assertThat(mdmPayloadOf(builder.build("ref-prod", "alice@corp.example", "c")).containsKey("UseDevelopmentAPNS"))
                .isFalse();
    }

    private static com.dd.plist.NSDictionary mdmPayloadOf(com.dd.plist.NSDictionary profile) {
        for (com.dd.plist.NSObject payload : ((com.dd.plist.NSArray) profile.get("PayloadContent")).getArray()) {
            com.dd.plist.NSDictionary dictionary = (com.dd.plist.NSDictionary) payload;
            if ("com.apple.mdm".equals(dictionary.get("PayloadType").toJavaObject())) {
                return dictionary;
            }
        }
        throw new AssertionError("no com.apple.mdm payload");
    }
}
