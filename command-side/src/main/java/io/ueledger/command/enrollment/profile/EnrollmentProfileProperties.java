package io.ueledger.command.enrollment.profile;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What goes into the BYOD enrollment profile besides the organisation's name and base URL.
 *
 * @param topic        APNs topic, normally left unset: profiles carry the UID of the MDM push
 *                     certificate in force ({@code com.apple.mgmt.External.<uuid>}). When set, it must
 *                     equal that UID, or no profile is issued (a device enrolled with the wrong
 *                     topic can never be woken). With no certificate and no setting, a placeholder
 *                     for the embedded demo, where nothing is pushed through Apple
 * @param displayName  PayloadDisplayName the user sees in Settings
 * @param serverPath   command-channel path under the public base URL (ServerURL)
 * @param checkInPath  check-in path under the public base URL (CheckInURL)
 * @param scepPath     SCEP path under the public base URL
 * @param acmeDirectoryPath the ACME directory under the public base URL (DirectoryURL of the ACME payload)
 */
@ConfigurationProperties("ueledger.enrollment.profile")
public record EnrollmentProfileProperties(
        String topic,
        @DefaultValue("Work data management") String displayName,
        @DefaultValue("/mdm/server") String serverPath,
        @DefaultValue("/mdm/checkin") String checkInPath,
        @DefaultValue("/mdm/scep") String scepPath,
        @DefaultValue("/acme/directory") String acmeDirectoryPath) {

    public EnrollmentProfileProperties {
        if (topic != null && topic.isBlank()) {
            topic = null;
        }
        if (topic != null && !topic.startsWith("com.apple.mgmt.")) {
            throw new IllegalArgumentException("ueledger.enrollment.profile.topic must start with com.apple.mgmt. "
                    + "(it is the UID of the APNs MDM push certificate), not '" + topic + "'");
        }
    }
}
