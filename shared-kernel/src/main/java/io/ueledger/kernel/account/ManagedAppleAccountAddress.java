package io.ueledger.kernel.account;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The address of a Managed Apple Account ({@code user@domain}), compared case-insensitively.
 *
 * <p>The rules follow what a device accepts before it even starts service discovery: it splits the
 * identifier at the last {@code @}, both parts must be non-empty and the domain must be a fully
 * qualified domain name. A general e-mail validator is not used on purpose: the common ones check
 * the top-level domain against the IANA list and would refuse the reserved {@code .example} and
 * internal domains organisations really use.
 */
public record ManagedAppleAccountAddress(String value) {

    /** RFC 5321 limits: 64 characters local part, 255 domain, 320 in all (our column width too). */
    private static final int MAX_LENGTH = 320;
    private static final Pattern LOCAL_PART = Pattern.compile("[a-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}");
    private static final Pattern DOMAIN_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    public ManagedAppleAccountAddress {
        value = normalise(value);
    }

    /**
     * @return the lower-cased, trimmed address
     * @throws IllegalArgumentException with a reason a person understands when it is not an address
     */
    public static String normalise(String address) {
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("the address is empty");
        }
        String text = address.trim().toLowerCase(Locale.ROOT);
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the address is longer than " + MAX_LENGTH + " characters");
        }
        int at = text.lastIndexOf('@');
        if (at <= 0 || at == text.length() - 1) {
            throw new IllegalArgumentException("'" + address.trim() + "' is not of the form user@domain");
        }
        String local = text.substring(0, at);
        String domain = text.substring(at + 1);
        if (!LOCAL_PART.matcher(local).matches() || local.startsWith(".") || local.endsWith(".")
                || local.contains("..")) {
            throw new IllegalArgumentException("'" + address.trim() + "' has an invalid user part '" + local + "'");
        }
        if (!isFullyQualifiedDomain(domain)) {
            throw new IllegalArgumentException("'" + address.trim() + "' has no fully qualified domain ('" + domain
                    + "')");
        }
        return text;
    }

    /** @return the domain part, lower-cased */
    public String domain() {
        return value.substring(value.lastIndexOf('@') + 1);
    }

    private static boolean isFullyQualifiedDomain(String domain) {
        if (domain.length() > 253) {
            return false;
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            return false;
        }
        for (String label : labels) {
            if (!DOMAIN_LABEL.matcher(label).matches()) {
                return false;
            }
        }
        // a top-level domain is never all digits, so "10.0.0.1" is not a domain
        return !labels[labels.length - 1].chars().allMatch(Character::isDigit);
    }

    @Override
    public String toString() {
        return value;
    }
}
