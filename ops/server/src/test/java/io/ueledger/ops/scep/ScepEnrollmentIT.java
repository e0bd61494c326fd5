package io.ueledger.ops.scep;

import static org.assertj.core.api.Assertions.assertThat;

import com.dd.plist.NSArray;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSObject;
import io.ueledger.command.enrollment.profile.EnrollmentProfiles;
import io.ueledger.command.enrollment.profile.SignedProfile;
import io.ueledger.command.pki.CertificateMaker;
import io.ueledger.command.scep.IdentitySubject;
import io.ueledger.command.scep.ScepChallenges;
import io.ueledger.kernel.device.Platform;
import io.ueledger.kernel.enrollment.AuthMethod;
import io.ueledger.kernel.enrollment.DeliverEnrollmentProfile;
import io.ueledger.kernel.enrollment.IssueSessionToken;
import io.ueledger.kernel.enrollment.RecordUserAuthentication;
import io.ueledger.kernel.enrollment.RequestEnrollment;
import io.ueledger.ops.simulator.device.ProfileVerifier;
import io.ueledger.ops.simulator.device.ScepClientMessages;
import io.ueledger.ops.support.IntegrationTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A simulated device takes the enrollment profile, verifies it, and gets its identity over SCEP
 * from the running server: the challenge in the profile works once, for the subject the profile
 * names, and the certificate is recorded on the enrollment.
 */
class ScepEnrollmentIT extends IntegrationTest {

    @Autowired
    CommandGateway commands;
    @Autowired
    EnrollmentProfiles profiles;
    @Autowired
    CertificateMaker maker;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ScepChallenges challenges;

    private String enrollmentRef;
    private X509Certificate ca;
    private NSDictionary scepContent;

    @BeforeEach
    void a_device_has_received_its_enrollment_profile() throws Exception {
        enrollmentRef = "enr-" + UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        commands.sendAndWait(new RequestEnrollment(enrollmentRef, "corp.example", "iPhone", Platform.IOS,
                "iPhone17,2", "18.2", "22C161", "en-US", "CN=Simulated Device", "digest", AuthMethod.APPLE_AS_WEB,
                now));
        commands.sendAndWait(new RecordUserAuthentication(enrollmentRef, "builtin", "alice", "alice@corp.example",
                now));
        commands.sendAndWait(new IssueSessionToken(enrollmentRef, "tok-1", "hash", now.plusSeconds(3600), now));
        SignedProfile profile = profiles.profileFor(enrollmentRef, "alice@corp.example");
        commands.sendAndWait(new DeliverEnrollmentProfile(enrollmentRef, "tok-1", profile.profileIdentifier(),
                profile.profileUuid(), profile.topic(), profile.payloadDigest(), now));

        ca = caCertificate();
        NSDictionary verified = ProfileVerifier.verify(profile.bytes(), ca);
        for (NSObject payload : ((NSArray) verified.get("PayloadContent")).getArray()) {
            NSDictionary p = (NSDictionary) payload;
            if ("com.apple.security.scep".equals(p.get("PayloadType").toJavaObject())) {
                scepContent = (NSDictionary) p.get("PayloadContent");
            }
        }
        assertThat(URI.create(scepContent.get("URL").toJavaObject().toString()).getPath()).isEqualTo("/mdm/scep");
    }

    @Test
    void ca_caps_announce_aes_sha256_and_post() {
        String caps = http.getForObject("/mdm/scep?operation=GetCACaps", String.class);
        assertThat(caps.lines()).contains("AES", "SHA-256", "POSTPKIOperation");
    }

    @Test
    void the_profile_challenge_gets_the_device_a_certificate_from_the_ca_recorded_on_its_enrollment()
            throws Exception {
        ScepClientMessages.Request request = request(challenge(), profileSubject());

        ScepClientMessages.Reply reply = ScepClientMessages.readCertRep(post(request.message()), request, ca);

        assertThat(reply.isSuccess()).isTrue();
        X509Certificate issued = reply.certificate();
        issued.verify(ca.getPublicKey());
        assertThat(issued.getPublicKey()).isEqualTo(request.keys().getPublic());
        assertThat(X500Name.getInstance(issued.getSubjectX500Principal().getEncoded())).isEqualTo(profileSubject());
        assertThat(issued.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.2");
        assertThat(identityEvents()).isEqualTo(1);
    }

    @Test
    void a_replayed_challenge_gets_failure_bad_request_and_no_second_certificate() {
        ScepClientMessages.Request first = request(challenge(), profileSubject());
        assertThat(ScepClientMessages.readCertRep(post(first.message()), first, ca).isSuccess()).isTrue();

        ScepClientMessages.Request replay = request(challenge(), profileSubject());
        ScepClientMessages.Reply reply = ScepClientMessages.readCertRep(post(replay.message()), replay, ca);

        assertThat(reply.isSuccess()).isFalse();
        assertThat(reply.pkiStatus()).isEqualTo("2");
        assertThat(reply.failInfo()).isEqualTo("2");
        assertThat(reply.certificate()).isNull();
        assertThat(identityEvents()).isEqualTo(1);
    }

    @Test
    void a_wrong_challenge_sent_by_get_gets_failure_and_changes_nothing() {
        ScepClientMessages.Request wrong = request("not-the-challenge", profileSubject());
        String message = URLEncoder.encode(Base64.getEncoder().encodeToString(wrong.message()),
                StandardCharsets.UTF_8);

        ResponseEntity<byte[]> response = http.getForEntity(
                URI.create(http.getRootUri() + "/mdm/scep?operation=PKIOperation&message=" + message), byte[].class);

        assertThat(response.getHeaders().getContentType().toString()).isEqualTo("application/x-pki-message");
        ScepClientMessages.Reply reply = ScepClientMessages.readCertRep(response.getBody(), wrong, ca);
        assertThat(reply.isSuccess()).isFalse();
        assertThat(reply.failInfo()).isEqualTo("2");
        assertThat(identityEvents()).isZero();
    }

    @Test
    void a_csr_for_another_subject_is_refused_and_the_challenge_stays_usable() {
        X500Name other = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, "someone else").build();
        ScepClientMessages.Request wrongSubject = request(challenge(), other);
        assertThat(ScepClientMessages.readCertRep(post(wrongSubject.message()), wrongSubject, ca).isSuccess())
                .isFalse();
        assertThat(identityEvents()).isZero();

        ScepClientMessages.Request right = request(challenge(), profileSubject());
        assertThat(ScepClientMessages.readCertRep(post(right.message()), right, ca).isSuccess()).isTrue();
    }

    @Test
    void when_the_enrollment_refuses_the_certificate_the_device_gets_failure_and_the_challenge_is_not_spent() {
        String noProfileYet = "enr-" + UUID.randomUUID();
        String orphan = challenges.issue(noProfileYet);
        ScepClientMessages.Request request = request(orphan,
                new IdentitySubject("Example Corp", noProfileYet).asX500Name());

        ScepClientMessages.Reply reply = ScepClientMessages.readCertRep(post(request.message()), request, ca);

        assertThat(reply.isSuccess()).isFalse();
        assertThat(challenges.find(orphan)).hasValueSatisfying(c -> assertThat(c.isUsed()).isFalse());
    }

    @Test
    void a_message_that_is_not_scep_gets_a_problem_answer() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType("application/x-pki-message"));
        ResponseEntity<String> response = http.postForEntity("/mdm/scep?operation=PKIOperation",
                new HttpEntity<>("hello".getBytes(StandardCharsets.US_ASCII), headers), String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType().toString()).contains("application/problem+json");
        assertThat(response.getBody()).contains("not a readable SCEP PKCSReq");
    }

    @Test
    void an_unknown_operation_gets_a_problem_answer() {
        ResponseEntity<String> response = http.getForEntity("/mdm/scep?operation=GetNextCACert", String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).contains("unknown SCEP operation");
    }

    /**
     * An independent SCEP client (Go's, Debian's scepclient) reads the server's signed CertRep: it checks the
     * message digest over the DER content, which a BER reply with a chunked OCTET STRING failed ("pkcs7:
     * Message digest mismatch"). scepclient always puts C and OU into its subject, which this profile does not
     * name, so the server answers with a signed FAILURE (badRequest) that scepclient must be able to read.
     */
    @Test
    void debian_scepclient_reads_the_servers_signed_reply() throws Exception {
        java.nio.file.Path dir = io.ueledger.ops.support.TestFolders.fresh("scepclient-");
        Process client = new ProcessBuilder("scepclient", "-server-url=" + http.getRootUri() + "/mdm/scep",
                "-challenge=" + challenge(), "-private-key", dir.resolve("key.pem").toString(),
                "-certificate", dir.resolve("cert.pem").toString(), "-cn", "scepclient-test")
                .redirectErrorStream(true).start();
        assertThat(client.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
        String output = new String(client.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(output).doesNotContain("digest mismatch").doesNotContain("pkcs7:")
                .contains("op=GetCACaps error=null").contains("op=PKIOperation error=null")
                .contains("failInfo: badRequest");
        assertThat(identityEvents()).isZero();
    }

    private ScepClientMessages.Request request(String challenge, X500Name subject) {
        return ScepClientMessages.pkcsReq(CertificateMaker.newRsaKeyPair(), subject, challenge, ca, maker);
    }

    private byte[] post(byte[] message) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType("application/x-pki-message"));
        ResponseEntity<byte[]> response = http.postForEntity("/mdm/scep?operation=PKIOperation",
                new HttpEntity<>(message, headers), byte[].class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private X509Certificate caCertificate() throws Exception {
        ResponseEntity<byte[]> response = http.getForEntity("/mdm/scep?operation=GetCACert", byte[].class);
        assertThat(response.getHeaders().getContentType().toString()).isEqualTo("application/x-x509-ca-cert");
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(response.getBody()));
    }

    private String challenge() {
        return scepContent.get("Challenge").toJavaObject().toString();
    }

    /** The Subject array of the profile ([[["O","…"]],[["CN","…"]]]) as the device turns it into a name. */
    private X500Name profileSubject() {
        X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
        for (NSObject rdn : ((NSArray) scepContent.get("Subject")).getArray()) {
            NSArray pair = (NSArray) ((NSArray) rdn).objectAtIndex(0);
            builder.addRDN(BCStyle.INSTANCE.attrNameToOID(pair.objectAtIndex(0).toJavaObject().toString()),
                    pair.objectAtIndex(1).toJavaObject().toString());
        }
        return builder.build();
    }

    private int identityEvents() {
        return jdbc.queryForObject("select count(*) from domainevententry where aggregateidentifier = ? "
                + "and payloadtype like '%IdentityCertificateIssued'", Integer.class, enrollmentRef);
    }
}
