package io.ueledger.query.ddm;

import io.ueledger.query.support.Problems;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Read-only DDM views for admins and compliance officers. */
@RestController
@RequestMapping("/api/ddm")
public class DeclarativeStatusController {

    private final DeclarativeStatusQueries queries;

    public DeclarativeStatusController(DeclarativeStatusQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/declaration-sets")
    public List<DeclarationSetView> sets() {
        return queries.sets();
    }

    @GetMapping("/declaration-sets/{setId}")
    public ResponseEntity<?> set(@PathVariable String setId) {
        return queries.set(setId).<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(() -> ResponseEntity
                .status(HttpStatus.NOT_FOUND).body(Problems.of(HttpStatus.NOT_FOUND, "Not found",
                        "no declaration set " + setId + " (or the view has not caught up yet)")));
    }

    @GetMapping("/enrollments/{ref}")
    public ResponseEntity<?> device(@PathVariable String ref) {
        return queries.device(ref).<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(() -> ResponseEntity
                .status(HttpStatus.NOT_FOUND).body(Problems.of(HttpStatus.NOT_FOUND, "Not found",
                        "enrollment " + ref + " has no declarations, refusals or status reports")));
    }
}
