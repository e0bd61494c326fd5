package io.ueledger.command.enrollment.profile;

import io.ueledger.command.push.PushCertificates;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The APNs topic written into every enrollment profile: the UID of the MDM push certificate in
 * force. A topic set in the configuration that disagrees with the certificate stops profile
 * issuance ({@link PushTopicMismatch}) instead of enrolling devices that could never be woken.
 */
@Component
public class ProfileTopic {

    /** Only for the embedded demo: no certificate, nothing is pushed through Apple. */
    public static final String PLACEHOLDER = "com.apple.mgmt.External.00000000-0000-0000-0000-000000000000";

    private final String configured;
    private final Supplier<Optional<String>> certificateTopic;

    @Autowired
    ProfileTopic(EnrollmentProfileProperties properties, PushCertificates certificates) {
        this(properties.topic(), certificates::topic);
    }

    public ProfileTopic(String configured, Supplier<Optional<String>> certificateTopic) {
        this.configured = configured;
        this.certificateTopic = certificateTopic;
    }

    /** @throws PushTopicMismatch while the configured topic and the certificate disagree */
    public String current() {
        Optional<String> fromCertificate = certificateTopic.get();
        if (fromCertificate.isEmpty()) {
            return configured == null ? PLACEHOLDER : configured;
        }
        if (configured != null && !configured.equals(fromCertificate.get())) {
            throw new PushTopicMismatch(configured, fromCertificate.get());
        }
        return fromCertificate.get();
    }
}
