package io.ueledger.kernel.privacy;

/** What a {@link PersonalData} value reads as once its enrollment's data key is destroyed. */
public final class Shredded {

    /** Chosen to be obviously not a value a device or an identity provider would send. */
    public static final String MARKER = "[shredded]";

    private Shredded() {
    }

    public static boolean isShredded(String value) {
        return MARKER.equals(value);
    }
}
