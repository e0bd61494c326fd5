package io.ueledger.command.enrollment.profile;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What goes into the BYOD enrollment profile besides the organisation's name and base URL.
 *
 * @param topic        APNs topic: the UID of the organisation's MDM push certificate
 *                     ({@code com.apple.mgmt.External.<uuid>}); the default is a placeholder for the
 *                     embedded demo, where nothing is pushed through Apple
 * @param displayName  PayloadDisplayName the user sees in Settings
 * @param serverPath   command-channel path under the public base URL (ServerURL)
 * @param checkInPath  check-in path under the public base URL (CheckInURL)
 * @param scepPath     SCEP path under the public base URL
 */
@ConfigurationProperties("ueledger.enrollment.profile")
public record EnrollmentProfileProperties(
        @DefaultValue("com.apple.mgmt.External.00000000-0000-0000-0000-000000000000") String topic,
        @DefaultValue("Work data management") String displayName,
        @DefaultValue("/mdm/server") String serverPath,
        @DefaultValue("/mdm/checkin") String checkInPath,
        @DefaultValue("/mdm/scep") String scepPath) {

    public EnrollmentProfileProperties {
        if (!topic.startsWith("com.apple.mgmt.")) {
            throw new IllegalArgumentException("ueledger.enrollment.profile.topic must start with com.apple.mgmt. "
                    + "(it is the UID of the APNs MDM push certificate), not '" + topic + "'");
        }
    }
}
