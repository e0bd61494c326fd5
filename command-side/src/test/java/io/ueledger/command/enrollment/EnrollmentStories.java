package io.ueledger.command.enrollment;

import io.ueledger.kernel.device.DataClass;
import io.ueledger.kernel.device.Platform;
import io.ueledger.kernel.enrollment.AuthMethod;
import io.ueledger.kernel.enrollment.Channel;
import io.ueledger.kernel.enrollment.DeviceAuthenticated;
import io.ueledger.kernel.enrollment.DeviceEnrolled;
import io.ueledger.kernel.enrollment.EnrollmentChallenged;
import io.ueledger.kernel.enrollment.EnrollmentProfileDelivered;
import io.ueledger.kernel.enrollment.EnrollmentRequested;
import io.ueledger.kernel.enrollment.IdentityCertificateIssued;
import io.ueledger.kernel.enrollment.ManagedDataKeysCreated;
import io.ueledger.kernel.enrollment.PushTokenUpdated;
import io.ueledger.kernel.enrollment.RequestEnrollment;
import io.ueledger.kernel.enrollment.SessionTokenIssued;
import io.ueledger.kernel.enrollment.UserAuthenticated;
import io.ueledger.kernel.mdm.ManagedContent;
import io.ueledger.kernel.mdm.MdmCommandDelivered;
import io.ueledger.kernel.mdm.MdmCommandQueued;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Named test data and event histories for the DeviceEnrollment tests: one iPhone on iOS 18.2. */
final class EnrollmentStories {

    static final String REF = "enr-0001";
    static final String ENROLLMENT_ID = "7C5A9E4B-3F0D-4D1E-9C55-2B8A1F6D0E42";
    static final String ACCOUNT = "alice@corp.example";
    static final String PROFILE_ID = "com.corp.example.mdm.byod.enr-0001";
    static final String TOPIC = "com.apple.mgmt.External.3b1f";
    static final String TOKEN_ID = "tok-1";
    static final String PUSH_HASH = "sha256:aa11";
    static final String MAGIC_HASH = "sha256:bb22";
    static final Instant T0 = Instant.parse("2026-03-03T09:00:00Z");

    static final List<DataClass> IOS_18_CLASSES = List.of(DataClass.APP_DATA_CONTAINERS, DataClass.CALENDAR,
            DataClass.KEYCHAIN, DataClass.MAIL, DataClass.NOTES, DataClass.REMINDERS);

    private EnrollmentStories() {
    }

    static Instant at(int minutes) {
        return T0.plusSeconds(60L * minutes);
    }

    static RequestEnrollment requestEnrollment() {
        return new RequestEnrollment(REF, "corp.example", "iPhone", Platform.IOS, "iPhone17,2", "18.2", "22C161",
                "en-US", "CN=Simulated Device", "sha256:body", AuthMethod.APPLE_AS_WEB, T0);
    }

    static List<Object> challenged() {
        return new ArrayList<>(List.of(
                new EnrollmentRequested(REF, "corp.example", "iPhone", Platform.IOS, "iPhone17,2", "18.2", "22C161",
                        "en-US", "CN=Simulated Device", "sha256:body", T0),
                new EnrollmentChallenged(REF, AuthMethod.APPLE_AS_WEB, T0)));
    }

    static List<Object> tokenIssued() {
        List<Object> events = challenged();
        events.add(new UserAuthenticated(REF, "builtin", "sub-alice", ACCOUNT, at(1)));
        events.add(new SessionTokenIssued(REF, TOKEN_ID, "sha256:tok", ACCOUNT, at(61), at(1)));
        return events;
    }

    static List<Object> profileDelivered() {
        List<Object> events = tokenIssued();
        events.add(new EnrollmentProfileDelivered(REF, PROFILE_ID, "uuid-profile", TOPIC, ACCOUNT, "sha256:profile",
                at(2)));
        return events;
    }

    static List<Object> identityIssued() {
        List<Object> events = profileDelivered();
        events.add(new IdentityCertificateIssued(REF, "0a1b", "sha256:cert", "CN=enr-0001", at(400_000), at(3)));
        return events;
    }

    static List<Object> authenticated() {
        List<Object> events = identityIssued();
        events.add(new DeviceAuthenticated(REF, ENROLLMENT_ID, Channel.DEVICE, Platform.IOS, "iPhone17,2", "18.2",
                "22C161", at(4)));
        return events;
    }

    static List<Object> enrolled() {
        List<Object> events = authenticated();
        events.add(new PushTokenUpdated(REF, ENROLLMENT_ID, Channel.DEVICE, TOPIC, PUSH_HASH, MAGIC_HASH, at(5)));
        events.add(new DeviceEnrolled(REF, ENROLLMENT_ID, Platform.IOS, "18.2", ACCOUNT, at(5)));
        events.add(new ManagedDataKeysCreated(REF, Platform.IOS, "18.2", IOS_18_CLASSES, at(5)));
        return events;
    }

    static MdmCommandQueued queued(String uuid, String requestType, ManagedContent content) {
        return new MdmCommandQueued(REF, uuid, requestType, Channel.DEVICE, content, "sha256:" + uuid, "admin", null,
                at(10));
    }

    static MdmCommandDelivered delivered(String uuid, String requestType) {
        return new MdmCommandDelivered(REF, uuid, requestType, Channel.DEVICE, 1, at(11));
    }
}
