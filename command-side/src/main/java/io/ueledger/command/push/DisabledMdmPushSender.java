package io.ueledger.command.push;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The embedded default: no MDM push certificate, so nothing is sent. Devices still get their
 * commands whenever they check in by themselves; the start-up log and the health page say so.
 */
final class DisabledMdmPushSender implements MdmPushSender {

    static final String MODE = "disabled (no MDM push certificate configured)";

    @Override
    public CompletableFuture<PushResult> send(PushCredential target) {
        return CompletableFuture.completedFuture(new PushResult.Skipped());
    }

    @Override
    public Map<String, Object> describe() {
        return Map.of("mode", MODE);
    }

    @Override
    public boolean enabled() {
        return false;
    }
}
