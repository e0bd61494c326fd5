package io.ueledger.command.push;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The MDM push certificate for administrators: what is in force ({@code GET}) and its upload or
 * renewal ({@code PUT}, multipart: {@code pkcs12} + {@code password}, or {@code certificate} +
 * {@code privateKey} in PEM). Takes effect on every node without a restart; never returns the key.
 */
@RestController
@RequestMapping("/api/admin/push-certificate")
class PushCertificateController {

    private static final Logger log = LoggerFactory.getLogger(PushCertificateController.class);

    private final PushCertificates certificates;
    private final PushCertificateStatus status;

    PushCertificateController(PushCertificates certificates, PushCertificateStatus status) {
        this.certificates = certificates;
        this.status = status;
    }

    @GetMapping
    PushCertificateStatus.View current() {
        return status.now().orElseThrow(() -> new NoPushCertificate());
    }

    @PutMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    PushCertificateStatus.View upload(@RequestParam(required = false) MultipartFile pkcs12,
                                      @RequestParam(required = false) String password,
                                      @RequestParam(required = false) MultipartFile certificate,
                                      @RequestParam(required = false) MultipartFile privateKey,
                                      Principal admin) throws IOException {
        MdmPushCertificate read = PushCertificateUpload.read(pkcs12, password, certificate, privateKey);
        certificates.replace(read, PushCertificates.UPLOAD, admin.getName());
        return status.now().orElseThrow();
    }

    @ExceptionHandler(PushTopicChangeRefused.class)
    ProblemDetail topicChange(PushTopicChangeRefused e) {
        log.info("MDM push certificate refused: {}", e.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Push certificate with another topic refused");
        return problem;
    }

    @ExceptionHandler(InvalidPushCertificate.class)
    ProblemDetail invalid(InvalidPushCertificate e) {
        log.info("MDM push certificate refused: {}", e.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Push certificate refused");
        return problem;
    }

    @ExceptionHandler(NoPushCertificate.class)
    ProblemDetail none(NoPushCertificate e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("No push certificate");
        return problem;
    }

    static final class NoPushCertificate extends RuntimeException {
        NoPushCertificate() {
            super("no MDM push certificate is configured or uploaded; pushes are off (PUT one here)");
        }
    }
}
