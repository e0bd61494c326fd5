package io.ueledger.ops.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.ueledger.command.push.PushCredentials;
import io.ueledger.ops.support.IntegrationTest;
import java.time.Duration;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The embedded default has no MDM push certificate: pushes are skipped, visibly and without errors. */
class ApnsDisabledIT extends IntegrationTest {

    @Autowired
    CommandGateway commands;
    @Autowired
    PushCredentials credentials;
    @Autowired
    MeterRegistry meters;

    @Test
    void the_health_page_says_push_is_disabled_and_why() {
        String health = asAdmin().getForObject("/actuator/health", String.class);

        assertThat(health).contains(
                "\"apns\":{\"status\":\"UP\",\"details\":{\"mode\":\"disabled (no MDM push certificate configured)\"}}");
    }

    @Test
    void queuing_a_command_without_a_certificate_succeeds_and_counts_a_skipped_push() {
        var enrollments = new TestEnrollments(commands, credentials);
        var device = enrollments.enrollIphone("com.apple.mgmt.External.disabled-test");
        double skippedBefore = meters.counter("ueledger.apns.pushes.skipped").count();

        enrollments.queueCommand(device);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(meters.counter("ueledger.apns.pushes.skipped").count() - skippedBefore).isEqualTo(1.0));
        assertThat(meters.counter("ueledger.apns.pushes.sent").count()).isZero();
    }
}
