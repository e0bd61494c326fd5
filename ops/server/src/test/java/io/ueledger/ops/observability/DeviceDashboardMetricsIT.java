package io.ueledger.ops.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ueledger.command.pki.ServerPki;
import io.ueledger.kernel.device.Platform;
import io.ueledger.ops.simulator.DeviceSpec;
import io.ueledger.ops.simulator.SimulatedDevice;
import io.ueledger.ops.support.IntegrationTest;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The Grafana dashboard shipped in {@code ops/observability} must show something: after a short simulated run
 * (one device enrolls and polls its command channel), every metric any of its panels queries is in
 * {@code /actuator/prometheus}, the command channel's timer carries its URI, and the fleet gauges count the
 * device. The endpoint is for admins only.
 */
class DeviceDashboardMetricsIT extends IntegrationTest {

    private static final Path DASHBOARD = Path.of("observability", "grafana-dashboard-device-path.json");
    /** A metric name inside a PromQL expression: followed by a label selector, a range or the end. */
    private static final Pattern METRIC = Pattern.compile("\\b((?:ueledger|http_server|jvm|process)_[a-z0-9_]+)\\b");

    @Autowired
    ServerPki pki;

    @Test
    void every_metric_the_dashboard_queries_is_exposed_after_a_device_enrolled_and_polled() throws Exception {
        givenActiveAccount("alice@corp.example", "Alice Example");
        SimulatedDevice device = SimulatedDevice.create(URI.create("http://127.0.0.1:" + PORT),
                DeviceSpec.of(Platform.IOS, "18.2", "alice@corp.example", "alice-demo"), pki.simulatedDeviceCa());
        device.enroll();
        device.poll();

        Set<String> queried = dashboardMetrics();
        assertThat(queried).as("the dashboard queries the device path's metrics").contains(
                "http_server_requests_seconds_count", "http_server_requests_seconds_bucket",
                "ueledger_mdm_commands_outstanding", "ueledger_apns_pushes_sent_total", "ueledger_processor_lag_events",
                "ueledger_enrollments");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            String exposition = prometheus();
            for (String metric : queried) {
                assertThat(exposition).as(metric).containsPattern("(?m)^" + Pattern.quote(metric) + "[{ ]");
            }
            assertThat(exposition).containsPattern("(?m)^http_server_requests_seconds_count\\{[^}]*uri=\"/mdm/server\"");
            assertThat(exposition).containsPattern("(?m)^http_server_requests_seconds_bucket\\{[^}]*uri=\"/mdm/checkin\"");
            assertThat(exposition).containsPattern("(?m)^ueledger_processor_lag_events\\{[^}]*processor=\"ledger\"");
            assertThat(exposition).containsPattern(
                    "(?m)^ueledger_processor_lag_events\\{[^}]*processor=\"device-history\"");
            assertThat(gauge(exposition, "ueledger_enrollments\\{[^}]*stage=\"ENROLLED\"[^}]*\\}"))
                    .isGreaterThanOrEqualTo(1);
            // Spring Security's per-filter observations are off (SecurityObservations): no panel reads them and
            // they cost on every request; the request timers above come from the servlet observation, not from them.
            assertThat(exposition).doesNotContainPattern("(?m)^spring_security_");
        });
    }

    @Test
    void the_prometheus_endpoint_is_for_admins_only() {
        assertThat(http.getForEntity("/actuator/prometheus", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(asCompliance().getForEntity("/actuator/prometheus", String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    private String prometheus() {
        ResponseEntity<String> response = asAdmin().getForEntity("/actuator/prometheus", String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private static Set<String> dashboardMetrics() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
        Set<String> metrics = new TreeSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                Matcher m = METRIC.matcher(target.path("expr").asText());
                while (m.find()) {
                    metrics.add(m.group(1));
                }
            }
        }
        return metrics;
    }

    private static double gauge(String exposition, String selector) {
        Matcher m = Pattern.compile("(?m)^" + selector + " ([0-9.eE+-]+)$").matcher(exposition);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }
}
