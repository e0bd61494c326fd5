package io.ueledger.command.push;

import io.ueledger.kernel.push.RecordPushRejection;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Pushes one channel now: finds its stored credentials, sends, counts the outcome, and turns a
 * rejection that concerns the device into a {@link RecordPushRejection} for the enrollment's history.
 */
@Component
class ChannelPusher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ChannelPusher.class);

    private final PushCredentials credentials;
    private final MdmPushSender sender;
    private final CommandGateway commands;
    private final PushMetrics metrics;
    private final Clock clock;
    /**
     * APNs answers arrive on Netty's event loop, which must never wait for the database; recording a
     * rejection (an aggregate load and an event append) happens on this thread instead.
     */
    private final ExecutorService outcomes = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "apns-outcomes");
        thread.setDaemon(true);
        return thread;
    });

    ChannelPusher(PushCredentials credentials, MdmPushSender sender, CommandGateway commands, PushMetrics metrics,
                  Clock clock) {
        this.credentials = credentials;
        this.sender = sender;
        this.commands = commands;
        this.metrics = metrics;
        this.clock = clock;
    }

    void push(PushTarget target) {
        if (!sender.enabled()) {
            metrics.skipped();
            return;
        }
        var credential = credentials.find(target.enrollmentRef(), target.channel());
        if (credential.isEmpty()) {
            log.warn("No push token stored for {} channel {}; the device gets its commands at its next check-in",
                    target.enrollmentRef(), target.channel());
            metrics.skipped();
            return;
        }
        PushCredential to = credential.get();
        sender.send(to).thenAcceptAsync(result -> record(to, result), outcomes);
    }

    private void record(PushCredential to, PushResult result) {
        if (result instanceof PushResult.Accepted accepted) {
            metrics.sent();
            log.debug("Pushed {} channel {} (apns-id {})", to.enrollmentRef(), to.channel(), accepted.apnsId());
        } else if (result instanceof PushResult.Rejected rejected) {
            rejected(to, rejected);
        } else if (result instanceof PushResult.Failed failed) {
            metrics.failed();
            log.warn("Push to {} channel {} failed: {}", to.enrollmentRef(), to.channel(), failed.message());
        } else {
            metrics.skipped();
        }
    }

    private void rejected(PushCredential to, PushResult.Rejected rejected) {
        metrics.rejected(rejected.reason());
        if (!rejected.concernsTheDevice()) {
            log.warn("APNs refused the push to {} channel {}: {} (a server-side or APNs problem, not the device's)",
                    to.enrollmentRef(), to.channel(), rejected.reason());
            return;
        }
        log.info("APNs refused the push to {} channel {}: {}", to.enrollmentRef(), to.channel(), rejected.reason());
        commands.send(new RecordPushRejection(to.enrollmentRef(), to.channel(), rejected.reason(), to.tokenHash(),
                        rejected.tokenInvalidAt(), clock.instant()))
                .exceptionally(error -> {
                    log.warn("Could not record the push rejection of {}: {}", to.enrollmentRef(), error.getMessage());
                    return null;
                });
    }

    @Override
    public void destroy() {
        outcomes.shutdown();
    }
}
