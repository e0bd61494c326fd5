package io.ueledger.ops.simulator.cli;

import io.ueledger.command.pki.Identity;
import io.ueledger.kernel.device.OsVersion;
import io.ueledger.kernel.device.Platform;
import io.ueledger.ops.simulator.DeviceSpec;
import io.ueledger.ops.simulator.SimulatedDevice;
import io.ueledger.ops.simulator.SimulationFailure;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code enroll}: one device enrolls end to end, polls its command channel once, and the history the
 * compliance API then shows for it is printed, so a person sees what the ledger recorded.
 */
public final class EnrollCommand {

    static final Set<String> OPTIONS = Set.of("server", "platform", "os", "user", "password", "pki-dir",
            "admin-user", "admin-password", "compliance-user", "compliance-password");
    static final Set<String> FLAGS = Set.of("create-account");
    /** The stages a fresh enrollment records before its first command (a Mac adds its user channel's token). */
    private static final int ENROLLED_EVENTS = 10;

    private EnrollCommand() {
    }

    public static void run(List<String> args, PrintStream out) {
        CliOptions options = CliOptions.parse(args, OPTIONS, FLAGS);
        URI server = CommonOptions.server(options);
        Platform platform = platform(options.get("platform", "iOS"));
        String os = options.get("os", defaultOs(platform));
        osVersion(os, platform);
        String user = options.get("user", CommonOptions.DEMO_USER);
        Identity ca = DeviceCaFiles.read(Path.of(options.get("pki-dir", CommonOptions.PKI_DIR)));
        LedgerApi api = new LedgerApi(server);
        LedgerApi.Credentials admin = CommonOptions.admin(options);
        if (options.has("create-account")) {
            api.createAccount(user, CommonOptions.displayName(user), admin);
        }
        api.requireActiveAccount(user, admin, Duration.ofSeconds(options.has("create-account") ? 15 : 0));

        SimulatedDevice device = SimulatedDevice.create(server, DeviceSpec.of(platform, os, user,
                options.get("password", CommonOptions.DEMO_PASSWORD)), ca);
        try {
            device.enroll();
        } catch (SimulationFailure e) {
            throw new CliFailure("the enrollment failed: " + e.getMessage().lines().findFirst().orElse(""));
        }
        out.printf("Enrolled %s %s as %s: EnrollmentID %s%n", platform.displayName(), os, user, device.enrollmentId());
        List<String> executed = device.poll();
        out.println("Command channel polled once: " + (executed.isEmpty() ? "no commands waiting"
                : String.join(", ", executed)));

        LedgerApi.Credentials reader = new LedgerApi.Credentials(options.get("compliance-user", "compliance"),
                options.get("compliance-password", "compliance-demo"));
        String ref = api.enrollmentRef(user, device.enrollmentId(), reader, Duration.ofSeconds(30));
        out.println("History of enrollment " + ref + " (GET /api/enrollments/" + ref + "/history):");
        int number = 1;
        for (LedgerApi.HistoryEntry entry : api.history(ref, reader, ENROLLED_EVENTS, Duration.ofSeconds(30))) {
            out.printf("%3d  %-28s %s%n", number++, entry.eventType(), entry.summary());
        }
    }

    static Platform platform(String text) {
        return Arrays.stream(Platform.values())
                .filter(p -> p.name().equalsIgnoreCase(text) || p.displayName().equalsIgnoreCase(text))
                .findFirst()
                .orElseThrow(() -> new CliFailure("unknown --platform '" + text + "'; use iOS, iPadOS, macOS or"
                        + " visionOS"));
    }

    static String defaultOs(Platform platform) {
        return switch (platform) {
            case IOS -> "18.2";
            case IPADOS -> "17.5";
            case MACOS -> "15.1";
            case VISIONOS -> "2.1";
        };
    }

    private static void osVersion(String text, Platform platform) {
        try {
            OsVersion.parse(text);
        } catch (RuntimeException e) {
            throw new CliFailure("--os must be a version such as " + defaultOs(platform) + ", not '" + text + "'");
        }
        if (text.isBlank() || text.toLowerCase(Locale.ROOT).startsWith("v")) {
            throw new CliFailure("--os must be a version such as " + defaultOs(platform) + ", not '" + text + "'");
        }
    }
}
