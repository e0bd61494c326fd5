package io.ueledger.ops.console.devices;

import io.ueledger.ops.console.web.ConsoleNotFound;
import io.ueledger.query.history.EventPlaces;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.util.UriUtils;

/**
 * A link to one event, as reports cite them: it opens the event's device at the timeline page
 * that holds it, scrolled to the event. Reports of an account or the fleet cite events of many
 * devices, and a long timeline is paged, so the link cannot be written as a plain anchor.
 */
@Controller
class EventLinks {

    private final EventPlaces places;

    EventLinks(EventPlaces places) {
        this.places = places;
    }

    @GetMapping("/console/events/{eventId}")
    String event(@PathVariable String eventId) {
        EventPlaces.EventPlace place = places.find(eventId)
                .orElseThrow(() -> new ConsoleNotFound("no device's timeline has an event '" + eventId + "'"));
        long page = place.position() / DevicePagesController.TIMELINE_PAGE_SIZE;
        return "redirect:/console/devices/" + UriUtils.encodePathSegment(place.enrollmentRef(), StandardCharsets.UTF_8)
                + (page == 0 ? "" : "?page=" + page) + "#" + TimelineEntry.anchor(eventId);
    }
}
