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

/** The server's admin, read and actuator APIs as the load runner calls them, with one set of admin credentials. */
public class ServerApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI server;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1).build();

    public ServerApi(URI server, String user, String password) {
        this.server = server;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
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
