package io.ueledger.command.unenrollment;

import java.security.Principal;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/admin/enrollments/{ref}/unenroll {"reason": …}}: 202 with the RemoveProfile CommandUUID. */
@RestController
class UnenrollmentAdminController {

    private static final Logger log = LoggerFactory.getLogger(UnenrollmentAdminController.class);

    private final AdminUnenrollment unenrollment;

    UnenrollmentAdminController(AdminUnenrollment unenrollment) {
        this.unenrollment = unenrollment;
    }

    record Reason(String reason) {
    }

    @PostMapping(path = "/api/admin/enrollments/{ref}/unenroll", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, String>> unenroll(@PathVariable String ref, @RequestBody(required = false) Reason body,
                                                 Principal admin) {
        String commandUuid = unenrollment.unenroll(ref, admin.getName(), body == null ? null : body.reason());
        log.info("Unenrollment of {} requested by {}: RemoveProfile {}", ref, admin.getName(), commandUuid);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("enrollmentRef", ref,
                "commandUuid", commandUuid, "status", "UNENROLLMENT_PENDING"));
    }
}
