package io.ueledger.command.admin;

import com.dd.plist.NSArray;
import com.dd.plist.NSData;
import com.dd.plist.NSDate;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSNumber;
import com.dd.plist.NSObject;
import com.dd.plist.NSString;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plist values as the plain tree the policy reads (maps, lists, strings, numbers, booleans,
 * byte[]); dd-plist's own {@code toJavaObject} gives arrays, which the policy's key walk would not
 * descend into, so a forbidden key inside an array of dictionaries would slip through.
 */
final class PlistValues {

    private PlistValues() {
    }

    static Map<String, Object> tree(NSDictionary dictionary) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<String, NSObject> entry : dictionary.entrySet()) {
            map.put(entry.getKey(), value(entry.getValue()));
        }
        return map;
    }

    static Object value(NSObject object) {
        if (object instanceof NSDictionary dictionary) {
            return tree(dictionary);
        }
        if (object instanceof NSArray array) {
            List<Object> list = new ArrayList<>();
            for (NSObject element : array.getArray()) {
                list.add(value(element));
            }
            return list;
        }
        if (object instanceof NSNumber number) {
            return switch (number.type()) {
                case NSNumber.BOOLEAN -> number.boolValue();
                case NSNumber.INTEGER -> number.longValue();
                default -> number.doubleValue();
            };
        }
        if (object instanceof NSString string) {
            return string.getContent();
        }
        if (object instanceof NSData data) {
            return data.bytes();
        }
        if (object instanceof NSDate date) {
            return date.getDate().toInstant().toString();
        }
        return object == null ? null : object.toJavaObject();
    }
}
