package io.ueledger.command.scep;

import io.ueledger.command.pki.ServerPki;
import java.security.cert.CertificateEncodingException;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * SCEP (RFC 8894) for device identities, at the URL the enrollment profile names. Devices
 * authenticate with the one-time challenge inside their profile, so the endpoint is open.
 */
@RestController
@RequestMapping("/mdm/scep")
public class ScepController {

    private static final Logger log = LoggerFactory.getLogger(ScepController.class);

    static final MediaType PKI_MESSAGE = MediaType.parseMediaType("application/x-pki-message");
    static final MediaType CA_CERT = MediaType.parseMediaType("application/x-x509-ca-cert");
    /** SCEPStandard implies AES, POSTPKIOperation and SHA-256; the rest are listed for older clients. */
    static final String CAPABILITIES = "AES\nPOSTPKIOperation\nSCEPStandard\nSHA-256\n";

    private final ServerPki pki;
    private final ScepIssuance issuance;

    public ScepController(ServerPki pki, ScepIssuance issuance) {
        this.pki = pki;
        this.issuance = issuance;
    }

    @GetMapping
    public ResponseEntity<byte[]> get(@RequestParam String operation,
            @RequestParam(required = false) String message) throws CertificateEncodingException {
        return switch (operation) {
            case "GetCACaps" -> ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(CAPABILITIES.getBytes());
            case "GetCACert" -> ResponseEntity.ok().contentType(CA_CERT)
                    .body(pki.deviceIdentityCa().certificate().getEncoded());
            case "PKIOperation" -> pkiOperation(decodeGetMessage(message));
            default -> throw new IllegalArgumentException("unknown SCEP operation '" + operation
                    + "'; supported: GetCACaps, GetCACert, PKIOperation");
        };
    }

    @PostMapping
    public ResponseEntity<byte[]> post(@RequestParam String operation, @RequestBody byte[] body) {
        if (!"PKIOperation".equals(operation)) {
            throw new IllegalArgumentException("only PKIOperation is POSTed to SCEP, not '" + operation + "'");
        }
        return pkiOperation(body);
    }

    private ResponseEntity<byte[]> pkiOperation(byte[] message) {
        return ResponseEntity.ok().contentType(PKI_MESSAGE).body(issuance.answer(message));
    }

    private static byte[] decodeGetMessage(String message) {
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("PKIOperation by GET needs the base64 'message' parameter");
        }
        try {
            // '+' may arrive as ' ' when a client did not URL-encode the base64.
            return Base64.getMimeDecoder().decode(message.replace(' ', '+'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the SCEP 'message' parameter is not base64", e);
        }
    }

    @ExceptionHandler(ScepMessageRejected.class)
    ProblemDetail rejected(ScepMessageRejected e) {
        log.info("SCEP: message rejected: {}", e.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Not a valid SCEP request");
        return problem;
    }
}
