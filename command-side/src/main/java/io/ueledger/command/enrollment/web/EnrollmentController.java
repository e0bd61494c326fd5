package io.ueledger.command.enrollment.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The BaseURL that service discovery hands out. Devices send application/pkcs7-signature,
 * x-www-form-urlencoded or xml for the same CMS body, so the body is read as raw bytes and never
 * form-decoded.
 */
@RestController
public class EnrollmentController {

    public static final String PATH = "/mdm/enroll/{discoveryLink}";
    static final MediaType APPLE_ASPEN_CONFIG = MediaType.parseMediaType("application/x-apple-aspen-config");

    private static final Logger log = LoggerFactory.getLogger(EnrollmentController.class);

    private final EnrollmentRequests requests;

    public EnrollmentController(EnrollmentRequests requests) {
        this.requests = requests;
    }

    @PostMapping(path = PATH, consumes = MediaType.ALL_VALUE)
    public ResponseEntity<byte[]> enroll(@PathVariable String discoveryLink,
                                         @RequestBody(required = false) byte[] body,
                                         @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false)
                                         String authorization) {
        EnrollmentAnswer answer = requests.answer(discoveryLink, body == null ? new byte[0] : body,
                bearer(authorization));
        if (answer instanceof EnrollmentAnswer.Profile profile) {
            return ResponseEntity.ok()
                    .contentType(APPLE_ASPEN_CONFIG)
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"enrollment.mobileconfig\"")
                    .body(profile.profile().bytes());
        }
        EnrollmentAnswer.Challenge challenge = (EnrollmentAnswer.Challenge) answer;
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, challenge.wwwAuthenticate())
                .build();
    }

    @ExceptionHandler(EnrollmentLinkRefused.class)
    ProblemDetail linkRefused(EnrollmentLinkRefused e) {
        log.info("Enrollment POST refused: {}", e.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
        problem.setTitle("Enrollment link not valid");
        return problem;
    }

    private static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).trim();
        return token.isEmpty() ? null : token;
    }
}
