package io.ueledger.command.plist;

import com.dd.plist.NSDictionary;
import com.dd.plist.NSObject;

/**
 * Reads the top-level dictionary of a plist that a device sent (check-in messages, command
 * results), within a size limit, through the hardened {@link SafePlistParser}, and gives typed
 * access to its values with errors that name the key.
 */
public final class SafePlist {

    private SafePlist() {
    }

    /**
     * @param maxBytes the largest body accepted for this kind of request
     * @return the top-level dictionary
     * @throws UnsafePlist with a message a person understands
     */
    public static NSDictionary parseDictionary(byte[] body, int maxBytes) {
        if (body == null || body.length == 0) {
            throw new UnsafePlist("the request body is empty; a plist was expected");
        }
        if (body.length > maxBytes) {
            throw new UnsafePlist("the request body is " + body.length + " bytes; at most " + maxBytes
                    + " are accepted here");
        }
        NSObject parsed;
        try {
            parsed = SafePlistParser.parse(body);
        } catch (IllegalArgumentException e) {
            throw new UnsafePlist(e.getMessage(), e);
        }
        if (!(parsed instanceof NSDictionary dictionary)) {
            throw new UnsafePlist("the property list must be a dictionary at its top level");
        }
        return dictionary;
    }

    /** A required string value, or a clear error naming the key. */
    public static String requireString(NSDictionary dictionary, String key) {
        String value = optionalString(dictionary, key);
        if (value == null || value.isBlank()) {
            throw new UnsafePlist("the property list has no " + key);
        }
        return value;
    }

    public static String optionalString(NSDictionary dictionary, String key) {
        NSObject value = dictionary.objectForKey(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof com.dd.plist.NSString string)) {
            throw new UnsafePlist(key + " must be a string");
        }
        return string.getContent();
    }

    public static byte[] optionalData(NSDictionary dictionary, String key) {
        NSObject value = dictionary.objectForKey(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof com.dd.plist.NSData data)) {
            throw new UnsafePlist(key + " must be data");
        }
        return data.bytes();
    }
}
