package io.ueledger.ops.simulator.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * The server's admin, read and actuator APIs as the load runner calls them, with one set of admin credentials:
 * either HTTP Basic on every call, or (see {@link #withApiToken}) an API token the runner creates once with them.
 */
public class ServerApi implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI server;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1).build();
    /** Set when this client uses an API token: the token's id and the Basic client that revokes it. */
    private final String tokenId;
    private final ServerApi owner;

    /** HTTP Basic on every call: the server checks the password (bcrypt) each time. */
    public ServerApi(URI server, String user, String password) {
        this(server, "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8)), null, null);
    }

    private ServerApi(URI server, String authorization, String tokenId, ServerApi owner) {
        this.server = server;
        this.authorization = authorization;
        this.tokenId = tokenId;
        this.owner = owner;
    }

    /**
     * Creates an ADMIN API token with the given credentials (one password check) and returns a client that
     * sends it as {@code Authorization: Bearer} on every call: checking a token is one indexed lookup instead
     * of a bcrypt per call, so the admin API's cost in a run is the server's own work, not the password
     * check's. {@link #close()} revokes the token.
     *
     * @param purpose the token's name, as the server records who queued each command
     */
    public static ServerApi withApiToken(URI server, String user, String password, String purpose) {
        ServerApi basic = new ServerApi(server, user, password);
        JsonNode created = basic.post("/api/admin/api-tokens",
                Map.of("name", purpose, "role", "ADMIN", "validDays", 1), 201);
        String token = created.path("token").asText("");
        String id = created.path("id").asText("");
        if (token.isEmpty() || id.isEmpty()) {
            throw new IllegalStateException("the server created an API token but did not return it: " + created);
        }
        return new ServerApi(server, "Bearer " + token, id, basic);
    }

    /** Whether this client sends an API token (else HTTP Basic). */
    public boolean usesApiToken() {
        return tokenId != null;
    }

    /** Revokes this client's API token, if it has one (with the password, as the token is then spent). */
    @Override
    public void close() {
        if (tokenId != null) {
            owner.send(HttpRequest.newBuilder(server.resolve("/api/admin/api-tokens/" + tokenId)).DELETE(), 204);
        }
    }

    public URI uri() {
        return server;
    }

    public JsonNode get(String path) {
        return send(HttpRequest.newBuilder(server.resolve(path)).GET(), 200);
    }

    public JsonNode post(String path, Object body, int expectedStatus) {
        try {
            return send(HttpRequest.newBuilder(server.resolve(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), expectedStatus);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public JsonNode put(String path, Object body, int expectedStatus) {
        try {
            return send(HttpRequest.newBuilder(server.resolve(path)).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), expectedStatus);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode send(HttpRequest.Builder request, int expectedStatus) {
        HttpRequest built = request.header("Authorization", authorization).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(60)).build();
        try {
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expectedStatus) {
                throw new IllegalStateException(built.method() + " " + built.uri().getPath() + " answered HTTP "
                        + response.statusCode() + ": " + response.body().lines().findFirst().orElse(""));
            }
            return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(built.method() + " " + built.uri().getPath() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
