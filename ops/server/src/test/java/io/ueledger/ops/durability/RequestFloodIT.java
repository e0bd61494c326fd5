package io.ueledger.ops.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.ueledger.command.pki.Identity;
import io.ueledger.kernel.device.Platform;
import io.ueledger.ops.simulator.DeviceSpec;
import io.ueledger.ops.simulator.SimulatedDevice;
import io.ueledger.ops.simulator.cli.DeviceCaFiles;
import io.ueledger.ops.support.ServerProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Anonymous callers cannot make the server hold their bodies: chunked uploads of 1.5 GB (generated while
 * they are sent, never stored) to the check-in endpoint, the enrollment endpoint and SCEP are refused with 413
 * once they pass the endpoint's limit, the server's resident memory grows by less than 256 MB, and an
 * enrolled device keeps checking in and polling its command channel during the flood.
 */
class RequestFloodIT {

    private static final long FLOOD_BYTES = 1_536L * 1024 * 1024;
    private static final long RSS_GROWTH_LIMIT = 256L * 1024 * 1024;
    private static final ServerProcess SERVER = ServerProcess.inFreshFolder("flood");

    @org.junit.jupiter.api.BeforeAll
    static void start() {
        SERVER.start();
    }

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    @Test
    void huge_anonymous_uploads_are_refused_without_taking_memory_or_starving_devices() throws Exception {
        createAccount("alice@corp.example", "Alice Example"); // the shipped demo account of the built-in provider
        Identity deviceCa = DeviceCaFiles.read(SERVER.workDir().resolve("pki"));
        SimulatedDevice device = SimulatedDevice.create(SERVER.baseUri(),
                DeviceSpec.of(Platform.IOS, "18.2", "alice@corp.example", "alice-demo"), deviceCa);
        device.enroll();
        device.poll(); // warm: the paths a device uses are loaded before the baseline is taken
        long rssBefore = residentBytes(SERVER.pid());

        List<CompletableFuture<String>> floods = new ArrayList<>();
        for (String path : List.of("/mdm/checkin", "/mdm/checkin", "/mdm/checkin", "/mdm/server",
                "/mdm/enroll/x", "/mdm/scep?operation=PKIOperation")) {
            floods.add(CompletableFuture.supplyAsync(() -> chunkedUpload(path, FLOOD_BYTES)));
        }
        AtomicLong maxRss = new AtomicLong(rssBefore);
        int devicePolls = 0;
        while (!floods.stream().allMatch(CompletableFuture::isDone)) {
            device.poll(); // throws unless the command channel answers 200
            devicePolls++;
            maxRss.accumulateAndGet(residentBytes(SERVER.pid()), Math::max);
        }
        for (CompletableFuture<String> flood : floods) {
            assertThat(flood.get(5, TimeUnit.MINUTES)).startsWith("HTTP/1.1 413");
        }
        device.poll();
        maxRss.accumulateAndGet(residentBytes(SERVER.pid()), Math::max);
        assertThat(devicePolls).as("device polls during the flood").isPositive();
        assertThat(maxRss.get() - rssBefore).as("growth of the server's resident memory, bytes")
                .isLessThan(RSS_GROWTH_LIMIT);
        assertThat(SERVER.logText()).contains("answered 413: more than 65536 bytes sent");
    }

    @Test
    void an_announced_oversized_body_is_refused_before_it_is_read() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", SERVER.baseUri().getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /mdm/checkin HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-apple-aspen-mdm-checkin"
                    + "\r\nContent-Length: " + FLOOD_BYTES + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush(); // not one byte of the body is sent: the answer comes from the header alone
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            assertThat(in.readLine()).startsWith("HTTP/1.1 413");
            String rest = String.join("\n", in.lines().toList());
            assertThat(rest).contains("accepts at most 65536 bytes");
        }
    }

    /** Sends a chunked body of {@code bytes} made up on the fly; returns the server's status line. */
    private static String chunkedUpload(String path, long bytes) {
        try (Socket socket = new Socket("127.0.0.1", SERVER.baseUri().getPort())) {
            socket.setSoTimeout(120_000);
            OutputStream out = socket.getOutputStream();
            out.write(("PUT " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            CompletableFuture<String> statusLine = CompletableFuture.supplyAsync(() -> {
                try {
                    return new BufferedReader(new InputStreamReader(socket.getInputStream(),
                            StandardCharsets.US_ASCII)).readLine();
                } catch (IOException e) {
                    return "no answer: " + e;
                }
            });
            byte[] chunk = new byte[64 * 1024];
            byte[] header = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            try {
                for (long sent = 0; sent < bytes && !statusLine.isDone(); sent += chunk.length) {
                    out.write(header);
                    out.write(chunk);
                    out.write('\r');
                    out.write('\n');
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException e) {
                // the server answered and closed the connection: the rest of the body was refused
            }
            return statusLine.get(2, TimeUnit.MINUTES);
        } catch (Exception e) {
            return "failed: " + e;
        }
    }

    private static long residentBytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }

    private static void createAccount(String email, String name) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String basic = "Basic " + Base64.getEncoder().encodeToString("admin:admin-demo".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(SERVER.baseUri().resolve("/api/admin/accounts"))
                .header("Authorization", basic).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"displayName\":\"" + name
                        + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isIn(201, 409);
        org.awaitility.Awaitility.await("account active").atMost(Duration.ofMinutes(1)).until(() -> http.send(
                HttpRequest.newBuilder(SERVER.baseUri().resolve("/api/admin/accounts/" + email))
                        .header("Authorization", basic).GET().build(), HttpResponse.BodyHandlers.ofString())
                .statusCode() == 200);
    }
}
