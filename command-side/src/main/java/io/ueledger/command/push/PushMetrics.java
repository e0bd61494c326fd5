package io.ueledger.command.push;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** The APNs counters an operator watches: pushes sent, requests folded into a pending push, rejections. */
@Component
class PushMetrics {

    private final MeterRegistry registry;
    private final Counter sent;
    private final Counter coalesced;
    private final Counter failed;
    private final Counter skipped;

    PushMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.sent = Counter.builder("ueledger.apns.pushes.sent")
                .description("MDM pushes APNs accepted").register(registry);
        this.coalesced = Counter.builder("ueledger.apns.pushes.coalesced")
                .description("push requests folded into a push already pending for the same channel")
                .register(registry);
        this.failed = Counter.builder("ueledger.apns.pushes.failed")
                .description("MDM pushes that could not be handed to APNs (connection, TLS, timeout)")
                .register(registry);
        this.skipped = Counter.builder("ueledger.apns.pushes.skipped")
                .description("pushes not sent: no certificate configured or no push token stored")
                .register(registry);
    }

    void sent() {
        sent.increment();
    }

    void coalesced() {
        coalesced.increment();
    }

    void rejected(String reason) {
        Counter.builder("ueledger.apns.pushes.rejected").description("MDM pushes APNs refused, by reason")
                .tag("reason", reason).register(registry).increment();
    }

    void failed() {
        failed.increment();
    }

    void skipped() {
        skipped.increment();
    }
}
