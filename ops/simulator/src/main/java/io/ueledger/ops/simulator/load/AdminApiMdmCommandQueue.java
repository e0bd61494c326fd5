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
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Queues commands as an admin does, over the admin API ({@code POST /api/admin/enrollments/{ref}/commands}),
 * taking the given servers in turn: with several nodes each one queues some of the commands, whichever node
 * the device then reaches delivers them.
 */
public class AdminApiMdmCommandQueue implements MdmCommandQueue {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<URI> servers;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final AtomicLong next = new AtomicLong();
    private final AtomicLongArray queuedPerServer;

    public AdminApiMdmCommandQueue(List<URI> servers, String adminUser, String adminPassword) {
        this.servers = List.copyOf(servers);
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (adminUser + ":" + adminPassword).getBytes(StandardCharsets.UTF_8));
        this.queuedPerServer = new AtomicLongArray(servers.size());
    }

    @Override
    public String installProfile(String enrollmentRef, String profileIdentifier) {
        int server = (int) (next.getAndIncrement() % servers.size());
        String payload = Base64.getEncoder().encodeToString(AdminApiCommandQueue.profile(profileIdentifier));
        try {
            String body = JSON.writeValueAsString(Map.of("requestType", "InstallProfile", "payload", payload));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            servers.get(server).resolve("/api/admin/enrollments/" + enrollmentRef + "/commands"))
                    .header("Authorization", authorization).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 202) {
                throw new IllegalStateException(servers.get(server) + " answered " + response.statusCode()
                        + " to queueing a command: " + response.body());
            }
            JsonNode accepted = JSON.readTree(response.body());
            queuedPerServer.incrementAndGet(server);
            return accepted.get("commandUuid").asText();
        } catch (IOException e) {
            throw new IllegalStateException("could not queue a command at " + servers.get(server), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while queueing a command", e);
        }
    }

    /** How many commands each server (in the order given) queued. */
    public long queuedAt(int server) {
        return queuedPerServer.get(server);
    }
}
