package io.ueledger.command.scep;

import io.ueledger.command.pki.BouncyCastle;
import io.ueledger.command.pki.ServerPki;
import io.ueledger.command.scep.ScepAttributes.FailInfo;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * Answers a SCEP PKCSReq: the one-time challenge must belong to an enrollment and be unused and
 * unexpired, the CSR must ask for the subject the profile named with an RSA key of at least 2048
 * bits and a valid self-signature. Then the CA issues the identity, the challenge is spent and
 * {@code IssueIdentityCertificate} is recorded, all in one transaction: if the enrollment refuses
 * the certificate, the challenge stays unspent and the device gets FAILURE.
 */
@Service
public class ScepIssuance {

    private static final Logger log = LoggerFactory.getLogger(ScepIssuance.class);

    private final ServerPki pki;
    private final ScepChallenges challenges;
    private final DeviceIdentityIssuer issuer;
    private final Clock clock;

    public ScepIssuance(ServerPki pki, ScepChallenges challenges, DeviceIdentityIssuer issuer, Clock clock) {
        this.pki = pki;
        this.challenges = challenges;
        this.issuer = issuer;
        this.clock = clock;
    }

    /** @return the DER CertRep to send back (SUCCESS or FAILURE) */
    @Transactional
    public byte[] answer(byte[] pkiMessage) {
        ScepRequest request = ScepMessageCodec.decodePkcsReq(pkiMessage, pki.deviceIdentityCa());
        String challenge = ScepMessageCodec.challengePassword(request.csr());
        Optional<ScepChallenges.Challenge> known = challenges.find(challenge);
        if (known.isEmpty()) {
            return refuse(request, FailInfo.BAD_REQUEST, "unknown challenge password");
        }
        String enrollmentRef = known.get().enrollmentRef();
        if (known.get().isUsed()) {
            return refuse(request, FailInfo.BAD_REQUEST, "challenge of enrollment " + enrollmentRef
                    + " was already used (replay)");
        }
        if (known.get().isExpiredAt(clock.instant())) {
            return refuse(request, FailInfo.BAD_TIME, "challenge of enrollment " + enrollmentRef + " has expired");
        }
        X500Name expected = issuer.subjectFor(enrollmentRef).asX500Name();
        Optional<String> csrProblem = csrProblem(request, expected);
        if (csrProblem.isPresent()) {
            return refuse(request, FailInfo.BAD_REQUEST, csrProblem.get() + " (enrollment " + enrollmentRef + ")");
        }
        if (!challenges.redeem(challenge)) {
            return refuse(request, FailInfo.BAD_REQUEST, "challenge of enrollment " + enrollmentRef
                    + " was used concurrently");
        }
        try {
            X509Certificate issued = issuer.issue(enrollmentRef, publicKey(request));
            log.info("SCEP: issued identity certificate {} for enrollment {}", issued.getSerialNumber().toString(16),
                    enrollmentRef);
            return ScepMessageCodec.success(request, issued, pki.deviceIdentityCa());
        } catch (RuntimeException e) {
            // Undo the redemption: the device may retry with the same challenge once the cause is fixed.
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
            return refuse(request, FailInfo.BAD_REQUEST, "enrollment " + enrollmentRef + " refused the certificate: "
                    + e.getMessage());
        }
    }

    private byte[] refuse(ScepRequest request, FailInfo failInfo, String why) {
        log.info("SCEP: refused transaction {}: {}", request.transactionId(), why);
        return ScepMessageCodec.failure(request, failInfo, pki.deviceIdentityCa());
    }

    private static Optional<String> csrProblem(ScepRequest request, X500Name expected) {
        try {
            if (!request.csr().isSignatureValid(new JcaContentVerifierProviderBuilder()
                    .setProvider(BouncyCastle.PROVIDER).build(request.csr().getSubjectPublicKeyInfo()))) {
                return Optional.of("the CSR's signature is not valid");
            }
            if (!expected.equals(request.csr().getSubject())) {
                return Optional.of("the CSR asks for subject '" + request.csr().getSubject() + "' but the profile "
                        + "named '" + expected + "'");
            }
            PublicKey key = publicKey(request);
            if (!(key instanceof RSAPublicKey rsa) || rsa.getModulus().bitLength() < 2048) {
                return Optional.of("the CSR's key is not RSA of at least 2048 bits");
            }
            return Optional.empty();
        } catch (Exception e) {
            return Optional.of("the CSR could not be checked: " + e.getMessage());
        }
    }

    private static PublicKey publicKey(ScepRequest request) {
        try {
            return new JcaPKCS10CertificationRequest(request.csr()).setProvider(BouncyCastle.PROVIDER).getPublicKey();
        } catch (Exception e) {
            throw new IllegalArgumentException("the CSR's public key is unreadable", e);
        }
    }

}
