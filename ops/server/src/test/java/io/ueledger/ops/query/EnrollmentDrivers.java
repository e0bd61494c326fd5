package io.ueledger.ops.query;

import java.time.Instant;
import org.axonframework.commandhandling.gateway.CommandGateway;

/** Scripted enrollments for tests outside this package; each returns the enrollment's reference. */
public final class EnrollmentDrivers {

    private EnrollmentDrivers() {
    }

    public static String enrolledWithWifiThenCheckedOut(CommandGateway commands, Instant start, String account) {
        return EnrollmentDriver.iPhone(commands, start, account).enroll().installWifiProfile("admin").checkOut().ref;
    }

    public static String enrolledWithWifi(CommandGateway commands, Instant start, String account) {
        return EnrollmentDriver.iPhone(commands, start, account).enroll().installWifiProfile("admin").ref;
    }

    public static String enrolledMac(CommandGateway commands, Instant start, String account) {
        return EnrollmentDriver.mac(commands, start, account).enroll().ref;
    }
}
