package io.ueledger.command.checkin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.ueledger.command.device.DeviceIdentityDirectory;
import io.ueledger.command.signing.MutableClock;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Mdm-Signature check keeps the parsed certificate and its verifier per certificate: once that cache
 * is warm (a first request accepted), every check a request needs must still refuse what it refused
 * before: a signature by another key, a body the signature was not made over, a certificate past its
 * validity at the request's time, and a certificate the directory does not know or has retired.
 */
class DeviceRequestAuthenticatorTest {

    // the CMS signing time is the real time: the certificates are made valid around it
    private static final Instant NOW = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    private static final byte[] BODY = "<plist><dict><key>Status</key><string>Idle</string></dict></plist>"
            .getBytes(StandardCharsets.UTF_8);

    private final MutableClock clock = new MutableClock(NOW);
    private final DeviceIdentityDirectory identities = mock(DeviceIdentityDirectory.class);
    private final CommandGateway commands = mock(CommandGateway.class);
    private DeviceRequestAuthenticator authenticator;
    private KeyPair deviceKey;
    private X509Certificate deviceCertificate;
    private String fingerprint;

    @BeforeEach
    void warmUp() throws Exception {
        authenticator = new DeviceRequestAuthenticator(identities, commands, clock, "");
        deviceKey = keyPair();
        deviceCertificate = certificate(deviceKey, NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(1)));
        fingerprint = DeviceCertificates.fingerprint(deviceCertificate);
        when(identities.identityOf(fingerprint))
                .thenReturn(Optional.of(new DeviceIdentityDirectory.Identity("enr-1", false, null)));
        // the first request parses the certificate and builds its verifier; the second finds them cached
        for (int i = 0; i < 2; i++) {
            AuthenticatedDevice device = authenticator.authenticate(BODY, sign(BODY, deviceKey.getPrivate(),
                    deviceCertificate), null);
            assertThat(device.enrollmentRef()).isEqualTo("enr-1");
            assertThat(device.certificateFingerprint()).isEqualTo(fingerprint);
        }
    }

    @Test
    void a_signature_made_with_another_key_is_refused_though_it_names_the_cached_certificate() throws Exception {
        String forged = sign(BODY, keyPair().getPrivate(), deviceCertificate);

        assertThatThrownBy(() -> authenticator.authenticate(BODY, forged, null))
                .isInstanceOf(DeviceAuthenticationFailure.class)
                .hasMessageContaining("Mdm-Signature");
    }

    @Test
    void a_body_the_signature_was_not_made_over_is_refused() {
        String signature = sign(BODY, deviceKey.getPrivate(), deviceCertificate);
        byte[] otherBody = "<plist><dict><key>Status</key><string>Error</string></dict></plist>"
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> authenticator.authenticate(otherBody, signature, null))
                .isInstanceOf(DeviceAuthenticationFailure.class)
                .hasMessageContaining("Mdm-Signature");
    }

    @Test
    void the_cached_certificate_is_refused_once_the_request_comes_after_its_expiry() {
        clock.advance(Duration.ofDays(2));
        String signature = sign(BODY, deviceKey.getPrivate(), deviceCertificate);

        assertThatThrownBy(() -> authenticator.authenticate(BODY, signature, null))
                .isInstanceOf(DeviceAuthenticationFailure.class)
                .hasMessageContaining("expired or not yet valid");
    }

    @Test
    void the_cached_certificate_is_refused_once_the_directory_says_it_was_retired() {
        when(identities.identityOf(fingerprint))
                .thenReturn(Optional.of(new DeviceIdentityDirectory.Identity("enr-1", true, null)));
        String signature = sign(BODY, deviceKey.getPrivate(), deviceCertificate);

        assertThatThrownBy(() -> authenticator.authenticate(BODY, signature, null))
                .isInstanceOf(DeviceAuthenticationFailure.class)
                .hasMessageContaining("no longer accepted");
        verify(commands, never()).sendAndWait(any());
    }

    @Test
    void the_cached_certificate_is_refused_once_the_directory_no_longer_knows_it() {
        when(identities.identityOf(fingerprint)).thenReturn(Optional.empty());
        String signature = sign(BODY, deviceKey.getPrivate(), deviceCertificate);

        assertThatThrownBy(() -> authenticator.authenticate(BODY, signature, null))
                .isInstanceOf(UnknownDevice.class)
                .hasMessageContaining("not issued by this server");
    }

    @Test
    void a_certificate_this_server_never_issued_is_refused_though_its_signature_is_good() throws Exception {
        KeyPair strangerKey = keyPair();
        X509Certificate stranger = certificate(strangerKey, NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(1)));
        when(identities.identityOf(DeviceCertificates.fingerprint(stranger))).thenReturn(Optional.empty());

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> authenticator.authenticate(BODY, sign(BODY, strangerKey.getPrivate(), stranger), null))
                    .isInstanceOf(UnknownDevice.class);
        }
    }

    @Test
    void a_certificate_is_kept_only_once_its_request_was_accepted_and_other_bytes_are_not_confused_with_it()
            throws Exception {
        DeviceCertificates certificates = new DeviceCertificates();
        DeviceCertificates.Known first = certificates.of(deviceCertificate.getEncoded());
        assertThat(certificates.of(deviceCertificate.getEncoded())).as("not accepted yet: parsed again")
                .isNotSameAs(first);
        assertThat(certificates.size()).isZero();

        certificates.remember(first);
        assertThat(certificates.of(deviceCertificate.getEncoded().clone())).isSameAs(first);
        X509Certificate other = certificate(keyPair(), NOW, NOW.plus(Duration.ofDays(1)));
        assertThat(certificates.of(other.getEncoded()).fingerprint())
                .isEqualTo(DeviceCertificates.fingerprint(other)).isNotEqualTo(first.fingerprint());
        assertThatThrownBy(() -> certificates.of(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}))
                .isInstanceOf(java.security.cert.CertificateException.class);
        assertThat(certificates.size()).isEqualTo(1);
    }

    private static KeyPair keyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair();
    }

    private static X509Certificate certificate(KeyPair keyPair, Instant notBefore, Instant notAfter) throws Exception {
        X500Name subject = new X500Name("CN=device " + System.nanoTime());
        var builder = new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(System.nanoTime()),
                Date.from(notBefore), Date.from(notAfter), subject, keyPair.getPublic());
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate())));
    }

    /** An Mdm-Signature header: a detached CMS signature over the body by this key, naming this certificate. */
    private static String sign(byte[] body, PrivateKey key, X509Certificate certificate) {
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().build())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key), certificate));
            generator.addCertificates(new JcaCertStore(List.of(certificate)));
            return Base64.getEncoder().encodeToString(
                    generator.generate(new CMSProcessableByteArray(body), false).getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
