package io.ueledger.query.replay;

import io.ueledger.kernel.web.ErrorHandlingOrder;
import io.ueledger.query.support.Problems;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * RFC 9457 answers about rebuilds: a readable message, one log line, nothing changed. Not limited
 * to this package: every view's API answers {@link ViewBeingRebuilt} the same way.
 */
@Order(ErrorHandlingOrder.REPLAY)
@RestControllerAdvice
public class ReplayErrorHandling {

    private static final Logger log = LoggerFactory.getLogger(ReplayErrorHandling.class);

    @ExceptionHandler(RebuildRefused.class)
    ProblemDetail refused(RebuildRefused e) {
        log.info("Rebuild refused: {}", e.getMessage());
        return Problems.of(HttpStatus.BAD_REQUEST, "Rebuild refused", e.getMessage());
    }

    @ExceptionHandler(RebuildAlreadyRunning.class)
    ProblemDetail alreadyRunning(RebuildAlreadyRunning e) {
        log.info("Rebuild refused: {}", e.getMessage());
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "Already being rebuilt", e.getMessage());
        problem.setProperty("runningReplay", URI.create("/api/admin/replays/" + e.runningReplayId()));
        return problem;
    }

    @ExceptionHandler(UnknownReplay.class)
    ProblemDetail notFound(UnknownReplay e) {
        log.info("Replay lookup answered 404: {}", e.getMessage());
        return Problems.of(HttpStatus.NOT_FOUND, "Replay not found", e.getMessage());
    }

    /** 503 with Retry-After: the view will answer again, truthfully, once the rebuild is done. */
    @ExceptionHandler(ViewBeingRebuilt.class)
    ResponseEntity<ProblemDetail> rebuilding(ViewBeingRebuilt e) {
        log.info("Query answered 503: {}", e.getMessage());
        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "View being rebuilt", e.getMessage());
        problem.setProperty("percentDone", e.progress().percentDone());
        problem.setProperty("etaSeconds", e.progress().etaSeconds());
        Long eta = e.progress().etaSeconds();
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(eta == null ? 5 : Math.max(1, eta)))
                .body(problem);
    }
}
