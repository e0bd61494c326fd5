package io.ueledger.command.discovery;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The {@code user-identifier} a device sends at discovery, split the way the device splits it: at
 * the last '@' (SPEC.md section 2).
 */
public record UserIdentifier(String localPart, String domain) {

    private static final Pattern FQDN = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]");

    /** @throws IllegalArgumentException with a message a person understands */
    public static UserIdentifier parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the user-identifier parameter is missing");
        }
        String trimmed = text.trim();
        int at = trimmed.lastIndexOf('@');
        if (at <= 0 || at == trimmed.length() - 1) {
            throw new IllegalArgumentException("the user-identifier '" + trimmed
                    + "' is not of the form name@domain");
        }
        String domain = trimmed.substring(at + 1).toLowerCase(Locale.ROOT);
        if (!FQDN.matcher(domain).matches()) {
            throw new IllegalArgumentException("the domain '" + domain + "' of the user-identifier is not a "
                    + "fully qualified domain name");
        }
        return new UserIdentifier(trimmed.substring(0, at), domain);
    }

    /** The address as the account directory keys it (lower case). */
    public String address() {
        return (localPart + "@" + domain).toLowerCase(Locale.ROOT);
    }
}
