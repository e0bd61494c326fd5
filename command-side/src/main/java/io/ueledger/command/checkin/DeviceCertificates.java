package io.ueledger.command.checkin;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import org.bouncycastle.cms.CMSSignatureAlgorithmNameGenerator;
import org.bouncycastle.cms.DefaultCMSSignatureAlgorithmNameGenerator;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.SignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * What the server builds once per device identity certificate rather than on every request: the parsed
 * certificate, its SHA-256 fingerprint and the CMS signer verifier (JCA provider look-ups, the
 * certificate converted for BouncyCastle). A device signs every check-in and command-channel request with
 * the same certificate, so the second request on finds them here, keyed by the certificate's exact DER
 * bytes as the request carried them: a different byte anywhere is a different certificate and is parsed on its own.
 *
 * <p>Only facts that cannot change for a given certificate are kept. Everything that can is still checked
 * per request by the caller: the signature over this request's body (and its signing time against the
 * certificate's validity), the certificate's validity at the request's time, and whether the certificate is
 * one this server issued and has not retired ({@code DeviceIdentityDirectory}, which has its own cache and
 * forgets a retired certificate at once). The verifier builds a fresh {@code Signature} and digest for each
 * use, so one entry serves concurrent requests.
 *
 * <p>Bounded: an entry takes about 6 KiB of heap (measured with 2,048-bit RSA device certificates), so the
 * cache holds at most {@value #MAXIMUM_CERTIFICATES} certificates (~60 MiB, a fleet of that many devices
 * talking at once) and drops one a device has not used for {@link #IDLE_LIFETIME}; a device that comes back
 * after that pays the parse once more.
 */
final class DeviceCertificates {

    static final int MAXIMUM_CERTIFICATES = 10_000;
    static final Duration IDLE_LIFETIME = Duration.ofMinutes(15);

    /** One identity certificate, parsed and ready to verify signatures with. */
    record Known(X509Certificate certificate, String fingerprint, SignerInformationVerifier signerVerifier,
                 ByteBuffer key) {
    }

    /*
     * What JcaSimpleSignerInfoVerifierBuilder would build again for every certificate: tables filled once and
     * only read after (the name generator alone is a few KiB of maps), and a digest provider that makes a new
     * MessageDigest per use. Shared, so an entry holds little more than its certificate.
     */
    private static final CMSSignatureAlgorithmNameGenerator ALGORITHM_NAMES = new DefaultCMSSignatureAlgorithmNameGenerator();
    private static final SignatureAlgorithmIdentifierFinder ALGORITHM_FINDER = new DefaultSignatureAlgorithmIdentifierFinder();
    private static final DigestCalculatorProvider DIGESTS = digests();

    private final Cache<ByteBuffer, Known> known = Caffeine.newBuilder()
            .maximumSize(MAXIMUM_CERTIFICATES)
            .expireAfterAccess(IDLE_LIFETIME)
            .build();

    /**
     * The certificate with these bytes: the cached one, or parsed now. A parsed one is kept only once the
     * request it came with was accepted ({@link #remember}), so requests with certificates this server never
     * issued cannot push the fleet's certificates out of the cache.
     *
     * @throws CertificateException when the bytes are not an X.509 certificate
     */
    Known of(byte[] encoded) throws CertificateException {
        ByteBuffer key = ByteBuffer.wrap(encoded.clone());
        Known found = known.getIfPresent(key);
        return found != null ? found : parse(key);
    }

    /** Keeps a certificate whose request was accepted: signature good, valid now, issued here and not retired. */
    void remember(Known certificate) {
        known.put(certificate.key(), certificate);
    }

    /** How many certificates are held now (for tests). */
    long size() {
        known.cleanUp();
        return known.estimatedSize();
    }

    /** @param key the bytes the request carried (DER from the CMS, or a proxy's PEM) */
    private static Known parse(ByteBuffer key) throws CertificateException {
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(key.array()));
        try {
            return new Known(certificate, fingerprint(certificate), new SignerInformationVerifier(
                    ALGORITHM_NAMES, ALGORITHM_FINDER, new JcaContentVerifierProviderBuilder().build(certificate),
                    DIGESTS), key);
        } catch (OperatorCreationException e) {
            throw new CertificateException("no verifier for the certificate's public key: " + e.getMessage(), e);
        }
    }

    private static DigestCalculatorProvider digests() {
        try {
            return new JcaDigestCalculatorProviderBuilder().build();
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
