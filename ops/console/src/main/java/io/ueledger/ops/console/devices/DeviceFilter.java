package io.ueledger.ops.console.devices;

import io.ueledger.kernel.device.Platform;
import io.ueledger.kernel.enrollment.EnrollmentStage;
import io.ueledger.kernel.query.FindEnrollments;
import io.ueledger.ops.console.web.ConsoleInputError;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The device list's filter form, as typed; turned into the registry query with readable errors. */
public record DeviceFilter(String stage, String platform, String account, String osVersion) {

    public static final int PAGE_SIZE = 25;

    public FindEnrollments query(int page) {
        try {
            return new FindEnrollments(parsedStage(), parsedPlatform(), blankToNull(account), blankToNull(osVersion), page,
                    PAGE_SIZE);
        } catch (IllegalArgumentException e) {
            throw new ConsoleInputError(e.getMessage());
        }
    }

    private EnrollmentStage parsedStage() {
        if (stage == null || stage.isBlank()) {
            return null;
        }
        try {
            return EnrollmentStage.valueOf(stage.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConsoleInputError("unknown stage '" + stage + "' (expected one of "
                    + Arrays.stream(EnrollmentStage.values()).map(Enum::name).collect(Collectors.joining(", ")) + ")");
        }
    }

    private Platform parsedPlatform() {
        return platform == null || platform.isBlank() ? null : Platform.parse(platform);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
