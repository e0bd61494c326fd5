package io.ueledger.kernel.enrollment;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.ueledger.kernel.device.Platform;
import java.time.Instant;
import org.axonframework.serialization.Revision;
import io.ueledger.kernel.privacy.PersonalData;

/**
 * Stage 1, service discovery: the device identified itself with a signed MachineInfo at the BaseURL.
 *
 * <p>Revision 2 renamed {@code signerSubject} to {@code deviceCertificateSubject}: it is the subject
 * of the device certificate that signed the request, and "signer" was read as our profile signer.
 * Revision 1 events are upcast when read (EnrollmentRequestedUpcaster, command side).
 *
 * <p>Revision 3 adds {@code signerEvidence}: the signer chain and its verdict against the configured
 * device trust anchors (by default evidence, a gate only with {@code require-trusted-signer}).
 * Revision 2 events read as {@link SignerEvidence#notRecorded()} (SignerEvidenceUpcaster).
 */
@Revision("3")
public record EnrollmentRequested(
        String enrollmentRef,
        String userIdentifierDomain,
        String modelFamily,
        Platform platform,
        String product,
        String osVersion,
        String osBuild,
        @PersonalData String language,
        String deviceCertificateSubject,
        String bodyDigest,
        SignerEvidence signerEvidence,
        Instant occurredAt) {

    @JsonCreator
    public EnrollmentRequested {
        signerEvidence = signerEvidence == null ? SignerEvidence.notRecorded() : signerEvidence;
    }

    /** Without evidence (tests and tools that write events directly): reads as not recorded. */
    public EnrollmentRequested(String enrollmentRef, String userIdentifierDomain, String modelFamily, Platform platform,
                               String product, String osVersion, String osBuild, String language,
                               String deviceCertificateSubject, String bodyDigest, Instant occurredAt) {
        this(enrollmentRef, userIdentifierDomain, modelFamily, platform, product, osVersion, osBuild, language,
                deviceCertificateSubject, bodyDigest, SignerEvidence.notRecorded(), occurredAt);
    }
}
