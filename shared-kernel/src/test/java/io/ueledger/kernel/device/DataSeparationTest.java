package io.ueledger.kernel.device;

import static io.ueledger.kernel.device.DataClass.APP_DATA_CONTAINERS;
import static io.ueledger.kernel.device.DataClass.CALENDAR;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The data-separation table of the source document (SEED-TABLE.md, "Unenrollment"), row by row. */
class DataSeparationTest {

    @ParameterizedTest(name = "{0} {1} separates {2} classes")
    @CsvSource({
            "IOS, 15.7, 0",
            "IOS, 16.0, 2",
            "IOS, 16.7.2, 2",
            "IOS, 17.0, 6",
            "IOS, 18.2, 6",
            "IPADOS, 16.0, 0",
            "IPADOS, 16.1, 2",
            "IPADOS, 17.0, 6",
            "MACOS, 13.6, 2",
            "MACOS, 14.0, 6",
            "VISIONOS, 1.0, 0",
            "VISIONOS, 1.1, 6",
    })
    void classes_follow_the_os_floors(Platform platform, String version, int expected) {
        assertThat(DataSeparation.classesFor(platform, OsVersion.parse(version))).hasSize(expected);
    }

    @ParameterizedTest
    @CsvSource({"IOS, 16.4", "MACOS, 13.0"})
    void before_the_keychain_floor_only_containers_and_calendar_are_separated(Platform platform, String version) {
        assertThat(DataSeparation.classesFor(platform, OsVersion.parse(version)))
                .containsExactly(APP_DATA_CONTAINERS, CALENDAR);
    }
}
