package io.ueledger.ops.security.tokens;

import java.security.Principal;
import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Admins create, list and revoke API tokens; the token itself is in the 201 answer and nowhere else. */
@RestController
@RequestMapping("/api/admin/api-tokens")
public class ApiTokenController {

    private final ApiTokens tokens;

    public ApiTokenController(ApiTokens tokens) {
        this.tokens = tokens;
    }

    public record NewToken(String name, String role, Integer validDays) {
    }

    @PostMapping
    public ResponseEntity<ApiTokens.Created> create(@RequestBody NewToken request, Principal admin) {
        int days = request.validDays() == null ? 90 : request.validDays();
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(tokens.create(request.name(), request.role(), Duration.ofDays(days), admin.getName()));
    }

    @GetMapping
    public List<ApiTokens.Listed> list() {
        return tokens.list();
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> revoke(@PathVariable String id, Principal admin) {
        return tokens.revoke(id, admin.getName()) ? ResponseEntity.noContent().build()
                : ResponseEntity.notFound().build();
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail invalid(IllegalArgumentException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid API token request");
        return problem;
    }
}
