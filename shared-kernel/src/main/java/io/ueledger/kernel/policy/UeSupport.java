package io.ueledger.kernel.policy;

import java.util.Locale;

/** The {@code ue_allowed} column of the capability matrix. */
public enum UeSupport {
    YES, PARTIAL, NO, UNSPECIFIED, NOT_APPLICABLE;

    static UeSupport parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "yes" -> YES;
            case "partial" -> PARTIAL;
            case "no" -> NO;
            case "unspecified", "" -> UNSPECIFIED;
            case "n/a" -> NOT_APPLICABLE;
            default -> throw new IllegalArgumentException("unknown ue_allowed value '" + text + "'");
        };
    }

    public boolean allowsSending() {
        return this == YES || this == PARTIAL;
    }
}
