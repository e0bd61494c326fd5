package io.ueledger.query.replay;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Admins rebuilding views (role ADMIN, enforced for /api/admin/**) and following the rebuild. */
@RestController
@RequestMapping("/api/admin/replays")
class ReplayController {

    /** The request body: which view to rebuild, or "all". */
    record RebuildRequest(String projection) {
    }

    private final ProjectionReplays replays;

    ReplayController(ProjectionReplays replays) {
        this.replays = replays;
    }

    /** 202: the reset is done and the view is filling again; follow the Location for progress. */
    @PostMapping
    ResponseEntity<ReplayStatus> rebuild(@RequestBody(required = false) RebuildRequest request, Principal who) {
        ReplayStatus started = replays.start(request == null ? null : request.projection(), who.getName());
        return ResponseEntity.accepted().location(URI.create("/api/admin/replays/" + started.id())).body(started);
    }

    @GetMapping
    List<ReplayStatus> list() {
        return replays.all();
    }

    @GetMapping("/{id}")
    ReplayStatus one(@PathVariable String id) {
        return replays.status(id);
    }
}
