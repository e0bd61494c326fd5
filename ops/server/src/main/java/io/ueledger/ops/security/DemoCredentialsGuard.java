package io.ueledger.ops.security;

import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Demo mode ({@code ueledger.demo-mode}, on in the embedded default) is for trying the server on one's own
 * machine: its shipped users (admin/admin-demo, the built-in provider's alice-demo ...) let anyone in who has
 * read the README. The server refuses to start when those credentials could be reached by others or guard
 * real data: demo mode with an external PostgreSQL or a public base URL, or demo passwords without demo mode.
 */
final class DemoCredentialsGuard {

    /** The passwords application.yml ships with; nobody should sign in with them outside a trial. */
    static final Set<String> SHIPPED_PASSWORDS = Set.of("admin-demo", "compliance-demo", "alice-demo", "bob-demo",
            "dana-demo");

    private DemoCredentialsGuard() {
    }

    /**
     * @param demoMode        ueledger.demo-mode
     * @param datasourceUrl   spring.datasource.url, blank for the embedded PostgreSQL
     * @param publicBaseUrl   ueledger.organisation.public-base-url
     * @param demoCredentials "user/password" of every configured credential that is one of the shipped ones
     * @return why the server must not start, or null when it may
     */
    static String refusal(boolean demoMode, String datasourceUrl, String publicBaseUrl, List<String> demoCredentials) {
        List<String> exposure = new ArrayList<>();
        if (datasourceUrl != null && !datasourceUrl.isBlank() && !isLoopback(hostOf(datasourceUrl))) {
            exposure.add("an external PostgreSQL (spring.datasource.url=" + datasourceUrl + ")");
        }
        if (publicBaseUrl != null && !isLoopback(hostOf(publicBaseUrl))) {
            exposure.add("a public base URL (ueledger.organisation.public-base-url=" + publicBaseUrl + ")");
        }
        if (demoMode && !exposure.isEmpty()) {
            return "Demo mode is on (ueledger.demo-mode=true) while the server runs with " + String.join(" and ",
                    exposure) + ". The demo users would let anyone in. Set UELEDGER_DEMO_MODE=false, replace"
                    + " ueledger.security.users with your own (bcrypt: {bcrypt}$2a$...) or use API tokens, and set"
                    + " ueledger.idp.builtin.enabled=false (or its users) before starting again.";
        }
        if (!demoMode && !demoCredentials.isEmpty()) {
            return "Demo mode is off, but the shipped demo credentials " + demoCredentials + " are still configured."
                    + " Replace or remove them in ueledger.security.users and ueledger.idp.builtin.users (or set"
                    + " ueledger.idp.builtin.enabled=false).";
        }
        return null;
    }

    static String hostOf(String url) {
        String withoutJdbc = url.startsWith("jdbc:") ? url.substring(5) : url;
        try {
            String host = URI.create(withoutJdbc).getHost();
            return host == null ? "" : host;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    static boolean isLoopback(String host) {
        if (host.isEmpty()) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            // a literal address only: a name is not looked up (it could resolve differently tomorrow)
            if (host.matches("[0-9.]+") || host.contains(":")) {
                return InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress();
            }
        } catch (java.net.UnknownHostException e) {
            return false;
        }
        return false;
    }
}
