package io.ueledger.kernel.device;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A dotted OS version ("17.4.1"), ordered numerically. Serialised as its text. */
public record OsVersion(int major, int minor, int patch) implements Comparable<OsVersion> {

    public OsVersion {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("OS version parts must not be negative");
        }
    }

    public static OsVersion of(int major, int minor) {
        return new OsVersion(major, minor, 0);
    }

    @JsonCreator
    public static OsVersion parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("OS version is empty");
        }
        String[] parts = text.trim().split("\\.");
        if (parts.length > 3) {
            throw new IllegalArgumentException("OS version '" + text + "' has more than three parts");
        }
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            int patch = parts.length > 2 ? Integer.parseInt(parts[2]) : 0;
            return new OsVersion(major, minor, patch);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("OS version '" + text + "' is not of the form 17.4.1", e);
        }
    }

    public boolean isAtLeast(OsVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(OsVersion o) {
        if (major != o.major) {
            return Integer.compare(major, o.major);
        }
        if (minor != o.minor) {
            return Integer.compare(minor, o.minor);
        }
        return Integer.compare(patch, o.patch);
    }

    @JsonValue
    @Override
    public String toString() {
        return patch == 0 ? major + "." + minor : major + "." + minor + "." + patch;
    }
}
