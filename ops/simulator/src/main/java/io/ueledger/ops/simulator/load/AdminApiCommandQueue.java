package io.ueledger.ops.simulator.load;

import com.dd.plist.NSArray;
import com.dd.plist.NSDictionary;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Queues commands as an admin would: {@code POST /api/admin/enrollments/{ref}/commands}, where the User
 * Enrollment policy decides and the body and the queued command are stored in one transaction. A plain
 * printer profile is one every policy allows. Given several servers (nodes of one installation) it takes
 * them in turn, so each node queues some of the commands and whichever node the device reaches delivers
 * them; given one, every command goes there.
 */
public class AdminApiCommandQueue implements MdmCommandQueue {

    private final List<ServerApi> servers;
    private final AtomicLong next = new AtomicLong();
    private final AtomicLongArray queuedPerServer;

    public AdminApiCommandQueue(ServerApi server) {
        this(List.of(server));
    }

    public AdminApiCommandQueue(List<ServerApi> servers) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("name at least one server to queue commands at");
        }
        this.servers = List.copyOf(servers);
        this.queuedPerServer = new AtomicLongArray(servers.size());
    }

    /** The same admin credentials on each of these servers, taken in turn. */
    public static AdminApiCommandQueue roundRobin(List<URI> servers, String adminUser, String adminPassword) {
        return new AdminApiCommandQueue(servers.stream().map(uri -> new ServerApi(uri, adminUser, adminPassword))
                .toList());
    }

    @Override
    public String installProfile(String enrollmentRef, String profileIdentifier) {
        int server = (int) (next.getAndIncrement() % servers.size());
        String payload = Base64.getEncoder().encodeToString(profile(profileIdentifier));
        JsonNode accepted = servers.get(server).post("/api/admin/enrollments/" + enrollmentRef + "/commands",
                Map.of("requestType", "InstallProfile", "payload", payload), 202);
        String uuid = accepted.path("commandUuid").asText("");
        if (uuid.isEmpty()) {
            throw new IllegalStateException(servers.get(server).uri()
                    + ": the admin API accepted the command but named no commandUuid");
        }
        queuedPerServer.incrementAndGet(server);
        return uuid;
    }

    /** How many commands each server (in the order given) queued. */
    public long queuedAt(int server) {
        return queuedPerServer.get(server);
    }

    /**
     * A configuration profile with one harmless payload an admin might push to a whole fleet: a
     * printer (AirPrint), which User Enrollment allows on every platform it supports.
     */
    static byte[] profile(String identifier) {
        NSDictionary printer = new NSDictionary();
        printer.put("IPAddress", "192.0.2.10");
        printer.put("ResourcePath", "/ipp/print");
        NSDictionary airPrint = new NSDictionary();
        airPrint.put("PayloadType", "com.apple.airprint");
        airPrint.put("PayloadIdentifier", identifier + ".airprint");
        airPrint.put("PayloadUUID", UUID.randomUUID().toString().toUpperCase(Locale.ROOT));
        airPrint.put("PayloadVersion", 1);
        airPrint.put("AirPrint", new NSArray(printer));
        NSDictionary profile = new NSDictionary();
        profile.put("PayloadType", "Configuration");
        profile.put("PayloadIdentifier", identifier);
        profile.put("PayloadUUID", UUID.randomUUID().toString().toUpperCase(Locale.ROOT));
        profile.put("PayloadVersion", 1);
        profile.put("PayloadDisplayName", "Load test profile");
        profile.put("PayloadContent", new NSArray(airPrint));
        return profile.toXMLPropertyList().getBytes(StandardCharsets.UTF_8);
    }
}
