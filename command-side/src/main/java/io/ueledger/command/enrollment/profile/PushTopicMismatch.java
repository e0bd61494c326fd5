package io.ueledger.command.enrollment.profile;

/** The configured topic and the MDM push certificate's UID differ: no profile may be issued until fixed. */
public class PushTopicMismatch extends RuntimeException {

    public PushTopicMismatch(String configured, String certificate) {
        super("the configured APNs topic ueledger.enrollment.profile.topic=" + configured + " differs from the UID "
                + "of the MDM push certificate in force, " + certificate + "; a device enrolled with the wrong topic "
                + "can never be woken, so no enrollment profile is issued until they agree (remove the setting to "
                + "use the certificate's topic)");
    }
}
