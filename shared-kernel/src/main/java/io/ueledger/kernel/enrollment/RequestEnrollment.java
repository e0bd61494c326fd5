package io.ueledger.kernel.enrollment;

import io.ueledger.kernel.device.Platform;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A signed enrollment POST arrived without a valid session token: the enrollment is born and challenged. */
public record RequestEnrollment(
        @TargetAggregateIdentifier String enrollmentRef,
        String userIdentifierDomain,
        String modelFamily,
        Platform platform,
        String product,
        String osVersion,
        String osBuild,
        String language,
        String signerSubject,
        String bodyDigest,
        AuthMethod authMethod,
        SignerEvidence signerEvidence,
        Instant occurredAt) {

    /** Without signer evidence (tests that drive the aggregate directly): recorded as not recorded. */
    public RequestEnrollment(String enrollmentRef, String userIdentifierDomain, String modelFamily, Platform platform,
                             String product, String osVersion, String osBuild, String language, String signerSubject,
                             String bodyDigest, AuthMethod authMethod, Instant occurredAt) {
        this(enrollmentRef, userIdentifierDomain, modelFamily, platform, product, osVersion, osBuild, language,
                signerSubject, bodyDigest, authMethod, SignerEvidence.notRecorded(), occurredAt);
    }
}
