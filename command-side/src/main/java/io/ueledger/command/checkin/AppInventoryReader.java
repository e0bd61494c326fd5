package io.ueledger.command.checkin;

import com.dd.plist.NSArray;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSObject;
import com.dd.plist.NSString;
import io.ueledger.kernel.mdm.ReportedApp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The apps in a command result, when the result answers an app inventory command:
 * {@code InstalledApplicationList} (an array of app dictionaries) or {@code ManagedApplicationList}
 * (a dictionary keyed by bundle id). Anything else in the result is left alone, so results of other
 * commands cost one key lookup each.
 */
final class AppInventoryReader {

    private AppInventoryReader() {
    }

    static Optional<List<ReportedApp>> apps(NSDictionary report) {
        NSObject installed = report.objectForKey("InstalledApplicationList");
        if (installed instanceof NSArray array) {
            List<ReportedApp> apps = new ArrayList<>();
            for (NSObject element : array.getArray()) {
                if (element instanceof NSDictionary app && text(app, "Identifier") != null) {
                    apps.add(new ReportedApp(text(app, "Identifier"), text(app, "Version"), text(app, "ShortVersion"),
                            text(app, "Name")));
                }
            }
            return Optional.of(apps);
        }
        NSObject managed = report.objectForKey("ManagedApplicationList");
        if (managed instanceof NSDictionary byBundleId) {
            List<ReportedApp> apps = new ArrayList<>();
            for (Map.Entry<String, NSObject> entry : byBundleId.entrySet()) {
                String version = entry.getValue() instanceof NSDictionary d ? text(d, "Version") : null;
                apps.add(new ReportedApp(entry.getKey(), version, null, null));
            }
            return Optional.of(apps);
        }
        return Optional.empty();
    }

    private static String text(NSDictionary dictionary, String key) {
        return dictionary.objectForKey(key) instanceof NSString s ? s.getContent() : null;
    }
}
