package io.ueledger.ops.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A minimal browser for the simulator and the tests of the web sign-in: keeps cookies, never follows redirects by itself
 * (so each hop can be checked), asks for HTML like Safari does, and submits the real forms of a page.
 */
public final class Browser {

    private final HttpClient client = HttpClient.newBuilder()
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    public HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    /** Submits the form whose action ends with {@code actionSuffix}, with its fields plus {@code overrides}. */
    public HttpResponse<String> submit(HttpResponse<String> page, String actionSuffix, Map<String, String> overrides) {
        Document document = Jsoup.parse(page.body(), page.uri().toString());
        Element form = document.select("form").stream()
                .filter(f -> f.attr("action").endsWith(actionSuffix))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no form posting to " + actionSuffix + " in:\n" + page.body()));
        Map<String, String> fields = new LinkedHashMap<>();
        form.select("input[name]").forEach(input -> fields.put(input.attr("name"), input.attr("value")));
        fields.putAll(overrides);
        String body = fields.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(form.absUrl("action")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Follows http(s) redirects; stops at a page or at a redirect to another scheme (the device callback). */
    public HttpResponse<String> follow(HttpResponse<String> response) {
        HttpResponse<String> current = response;
        for (int hops = 0; hops < 15; hops++) {
            String location = current.headers().firstValue("Location").orElse(null);
            if (current.statusCode() / 100 != 3 || location == null) {
                return current;
            }
            URI next = current.uri().resolve(location);
            if (!next.getScheme().startsWith("http")) {
                return current;
            }
            current = get(next.toString());
        }
        throw new IllegalStateException("more than 15 redirects: a login loop? last " + current.uri());
    }

    public static Document html(HttpResponse<String> page) {
        return Jsoup.parse(page.body(), page.uri().toString());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.header("Accept", "text/html,application/xhtml+xml")
                    .header("User-Agent", "Mozilla/5.0 (iPhone; CPU iPhone OS 18_2_1 like Mac OS X) test")
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
