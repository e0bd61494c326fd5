package io.ueledger.kernel.mdm;

import java.util.Arrays;

/** The result statuses a device reports for a command on the command channel. */
public enum MdmCommandStatus {
    ACKNOWLEDGED("Acknowledged"),
    ERROR("Error"),
    COMMAND_FORMAT_ERROR("CommandFormatError"),
    NOT_NOW("NotNow");

    private final String wireName;

    MdmCommandStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static MdmCommandStatus fromWire(String status) {
        return Arrays.stream(values())
                .filter(s -> s.wireName.equals(status))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown command status '" + status
                        + "' (expected Acknowledged, Error, CommandFormatError or NotNow)"));
    }
}
