package io.ueledger.command.plist;

import com.dd.plist.NSDictionary;
import com.dd.plist.NSObject;
import com.dd.plist.PropertyListParser;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Parses plists that arrive from devices (XML or binary) with dd-plist, after refusing what a
 * hostile body could use against an XML parser. Real devices send the standard Apple DOCTYPE line,
 * so a DOCTYPE as such is fine; an internal subset or any ENTITY declaration (XXE, "billion
 * laughs") is refused before the parser sees it.
 */
public final class SafePlist {

    private static final Pattern INTERNAL_SUBSET = Pattern.compile("<!DOCTYPE[^>\\[]*\\[", Pattern.CASE_INSENSITIVE);
    private static final Pattern ENTITY = Pattern.compile("<!ENTITY", Pattern.CASE_INSENSITIVE);
    private static final Pattern SYSTEM_DOCTYPE = Pattern.compile("<!DOCTYPE\\s+\\w+\\s+SYSTEM", Pattern.CASE_INSENSITIVE);

    private SafePlist() {
    }

    /**
     * @param maxBytes the largest body accepted for this kind of request
     * @return the top-level dictionary
     * @throws UnsafePlistException with a message a person understands
     */
    public static NSDictionary parseDictionary(byte[] body, int maxBytes) {
        if (body == null || body.length == 0) {
            throw new UnsafePlistException("the request body is empty; a plist was expected");
        }
        if (body.length > maxBytes) {
            throw new UnsafePlistException("the request body is " + body.length + " bytes; at most " + maxBytes
                    + " are accepted here");
        }
        refuseEntityTricks(body);
        NSObject parsed;
        try {
            parsed = PropertyListParser.parse(body);
        } catch (Exception | StackOverflowError e) {
            throw new UnsafePlistException("the request body is not a valid property list: " + e.getMessage(), e);
        }
        if (!(parsed instanceof NSDictionary dictionary)) {
            throw new UnsafePlistException("the property list must be a dictionary at its top level");
        }
        return dictionary;
    }

    private static void refuseEntityTricks(byte[] body) {
        if (looksBinary(body)) {
            return;
        }
        String text = new String(body, 0, Math.min(body.length, 4096), StandardCharsets.UTF_8);
        String whole = body.length <= 4096 ? text : new String(body, StandardCharsets.UTF_8);
        if (ENTITY.matcher(whole).find() || INTERNAL_SUBSET.matcher(text).find() || SYSTEM_DOCTYPE.matcher(text).find()) {
            throw new UnsafePlistException("the property list declares XML entities or an external DOCTYPE, "
                    + "which devices never send; refused");
        }
    }

    private static boolean looksBinary(byte[] body) {
        return body.length >= 6 && new String(body, 0, 6, StandardCharsets.US_ASCII).equals("bplist");
    }

    /** A required string value, or a clear error naming the key. */
    public static String requireString(NSDictionary dictionary, String key) {
        String value = optionalString(dictionary, key);
        if (value == null || value.isBlank()) {
            throw new UnsafePlistException("the property list has no " + key);
        }
        return value;
    }

    public static String optionalString(NSDictionary dictionary, String key) {
        NSObject value = dictionary.objectForKey(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof com.dd.plist.NSString string)) {
            throw new UnsafePlistException(key + " must be a string");
        }
        return string.getContent();
    }

    public static byte[] optionalData(NSDictionary dictionary, String key) {
        NSObject value = dictionary.objectForKey(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof com.dd.plist.NSData data)) {
            throw new UnsafePlistException(key + " must be data");
        }
        return data.bytes();
    }
}
