package io.ueledger.ops.simulator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The server's admin and compliance APIs as the simulator uses them: create the demo account, check it is
 * active, find a device's enrollment and read its history. Every failure becomes a one-line {@link CliFailure}.
 */
public class LedgerApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    public LedgerApi(URI server) {
        this.server = server;
    }

    public record Credentials(String user, String password) {

        String header() {
            return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    public record HistoryEntry(String eventType, String summary) {
    }

    /** Creates the account, or leaves it as it is when it exists already. */
    public void createAccount(String email, String displayName, Credentials admin) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(server.resolve("/api/admin/accounts"))
                .header("Authorization", admin.header())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(Map.of("email", email, "displayName", displayName)))));
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new CliFailure("the server refused the admin credentials of '" + admin.user()
                    + "' (HTTP " + response.statusCode() + "); set --admin-user and --admin-password");
        }
        if (response.statusCode() != 201 && response.statusCode() != 409) {
            throw new CliFailure("creating the account " + email + " failed: HTTP " + response.statusCode() + " "
                    + detail(response));
        }
    }

    /**
     * Fails unless the account exists and is active; waits up to {@code patience} for the account registry,
     * which follows the events shortly after an account is created. Empty when the admin credentials are refused
     * (then nobody can tell before the sign-in itself).
     */
    public Optional<Boolean> requireActiveAccount(String email, Credentials admin, Duration patience) {
        Instant deadline = Instant.now().plus(patience);
        while (true) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(server.resolve("/api/admin/accounts/"
                    + URLEncoder.encode(email, StandardCharsets.UTF_8))).header("Authorization", admin.header()).GET());
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                return Optional.empty();
            }
            if (response.statusCode() == 200) {
                if (!read(response).path("active").asBoolean(false)) {
                    throw new CliFailure("the Managed Apple Account " + email + " is not active (deactivated by an"
                            + " admin); reactivate it: POST /api/admin/accounts/" + email + "/reactivate");
                }
                return Optional.of(true);
            }
            if (response.statusCode() != 404) {
                throw new CliFailure("reading the account " + email + " failed: HTTP " + response.statusCode() + " "
                        + detail(response));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new CliFailure("there is no Managed Apple Account " + email + "; create it first (docs/developers/simulator.md)"
                        + " or add --create-account");
            }
            pause();
        }
    }

    /** The enrollment ref of the device with this EnrollmentID, once the registry shows it. */
    public String enrollmentRef(String account, String enrollmentId, Credentials reader, Duration patience) {
        Instant deadline = Instant.now().plus(patience);
        while (true) {
            for (int page = 0; page < 20; page++) {
                JsonNode body = getJson("/api/enrollments?size=100&page=" + page + "&account="
                        + URLEncoder.encode(account, StandardCharsets.UTF_8), reader);
                for (JsonNode item : body.path("items")) {
                    if (enrollmentId.equalsIgnoreCase(item.path("enrollmentId").asText())) {
                        return item.path("enrollmentRef").asText();
                    }
                }
                if (body.path("items").size() < 100) {
                    break;
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new CliFailure("the enrollment of device " + enrollmentId + " did not appear in the registry"
                        + " within " + patience.toSeconds() + " s");
            }
            pause();
        }
    }

    /** The device's history, oldest first, once it shows at least {@code atLeast} events. */
    public List<HistoryEntry> history(String ref, Credentials reader, int atLeast, Duration patience) {
        Instant deadline = Instant.now().plus(patience);
        while (true) {
            JsonNode body = getJson("/api/enrollments/" + ref + "/history?order=asc&size=100", reader);
            List<HistoryEntry> entries = new ArrayList<>();
            body.path("items").forEach(item -> entries.add(new HistoryEntry(item.path("eventType").asText(),
                    item.path("summary").asText())));
            if (entries.size() >= atLeast || Instant.now().isAfter(deadline)) {
                return entries;
            }
            pause();
        }
    }

    private JsonNode getJson(String path, Credentials reader) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(server.resolve(path))
                .header("Authorization", reader.header()).header("Accept", "application/json").GET());
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new CliFailure("the server refused the credentials of '" + reader.user() + "' for " + path
                    + " (HTTP " + response.statusCode() + ")");
        }
        if (response.statusCode() != 200) {
            throw new CliFailure("GET " + path + " answered HTTP " + response.statusCode() + " " + detail(response));
        }
        return read(response);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        HttpRequest built = request.timeout(Duration.ofSeconds(30)).build();
        try {
            return http.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new CliFailure("cannot reach the server at " + server + " (connection refused); is it running?");
        } catch (HttpTimeoutException e) {
            throw new CliFailure("the server at " + server + " did not answer " + built.uri().getPath() + " in time");
        } catch (IOException e) {
            throw new CliFailure("cannot reach the server at " + server + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted");
        }
    }

    private static JsonNode read(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new CliFailure("the server answered " + response.uri().getPath() + " with something other than"
                    + " JSON");
        }
    }

    private static String detail(HttpResponse<String> response) {
        try {
            JsonNode body = JSON.readTree(response.body());
            return body.path("detail").asText(response.body());
        } catch (IOException | RuntimeException e) {
            return response.body() == null ? "" : response.body().lines().findFirst().orElse("");
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted");
        }
    }
}
