package io.ueledger.ops.simulator.cli;

import java.net.URI;
import java.util.Locale;

/** Defaults shared by the subcommands: the embedded server's address, PKI folder and demo users. */
final class CommonOptions {

    static final String PKI_DIR = "data/pki";
    static final String DEMO_USER = "alice@corp.example";
    static final String DEMO_PASSWORD = "alice-demo";

    private CommonOptions() {
    }

    static URI server(CliOptions options) {
        String text = options.get("server", "http://127.0.0.1:8080");
        try {
            URI uri = URI.create(text);
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new CliFailure("--server must be a URL such as http://127.0.0.1:8080, not '" + text + "'");
        }
    }

    static LedgerApi.Credentials admin(CliOptions options) {
        return new LedgerApi.Credentials(options.get("admin-user", "admin"),
                options.get("admin-password", "admin-demo"));
    }

    /** "alice@corp.example" becomes "Alice"; enough for a demo account's display name. */
    static String displayName(String email) {
        String local = email.contains("@") ? email.substring(0, email.indexOf('@')) : email;
        return local.isEmpty() ? email : local.substring(0, 1).toUpperCase(Locale.ROOT) + local.substring(1);
    }
}
