package io.ueledger.query.web;

import io.ueledger.query.pointintime.DeviceState;
import io.ueledger.query.pointintime.DeviceStateAsOf;
import java.time.Instant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * "What did this device look like on 3 March?": {@code ?at=2025-03-03T00:00:00Z}, or as of a
 * position in the global stream with {@code ?globalIndex=}. Neither: as of now.
 */
@RestController
class DeviceStateController {

    private final DeviceStateAsOf states;

    DeviceStateController(DeviceStateAsOf states) {
        this.states = states;
    }

    @GetMapping("/api/enrollments/{ref}/state")
    DeviceState state(@PathVariable String ref,
                      @RequestParam(required = false) String at,
                      @RequestParam(required = false) Long globalIndex) {
        if (at != null && globalIndex != null) {
            throw new InvalidQuery("ask for the state 'at' a time or at a 'globalIndex', not both");
        }
        if (globalIndex != null) {
            if (globalIndex < 0) {
                throw new InvalidQuery("globalIndex must be 0 or more, not " + globalIndex);
            }
            return states.atGlobalIndex(ref, globalIndex).orElseThrow(() -> notYet(ref, "global index " + globalIndex));
        }
        Instant when = at == null ? Instant.MAX : HistoryParameters.time("at", at);
        return states.at(ref, when).orElseThrow(() -> notYet(ref, at == null ? "now" : at));
    }

    private static UnknownEnrollment notYet(String ref, String when) {
        return new UnknownEnrollment(ref, "no enrollment with reference '" + ref + "' had any event by "
                + when);
    }
}
