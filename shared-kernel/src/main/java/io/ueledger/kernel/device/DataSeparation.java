package io.ueledger.kernel.device;

import java.util.Arrays;
import java.util.List;

/** Which managed-data classes a given platform and OS version separates with their own keys. */
public final class DataSeparation {

    private DataSeparation() {
    }

    public static List<DataClass> classesFor(Platform platform, OsVersion version) {
        return Arrays.stream(DataClass.values())
                .filter(dataClass -> dataClass.separatedOn(platform, version))
                .toList();
    }
}
