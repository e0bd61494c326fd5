package io.ueledger.query.export;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Signed export bundles for compliance officers and admins (read-only GETs; see SecurityConfig):
 * one zip per enrollment, per Managed Apple Account or per time range, which the offline verifier
 * checks with nothing but the ledger's public key. {@code sinceTreeSize} adds a consistency proof
 * from the size of a checkpoint the auditor kept from an earlier export.
 */
@RestController
@RequestMapping("/api/exports")
class ExportController {

    static final MediaType ZIP = MediaType.parseMediaType("application/zip");

    private final ExportBundles bundles;

    ExportController(ExportBundles bundles) {
        this.bundles = bundles;
    }

    @GetMapping("/enrollments/{ref}")
    ResponseEntity<byte[]> enrollment(@PathVariable String ref, @RequestParam(required = false) Long sinceTreeSize) {
        return answer(bundles.forEnrollment(ref, sinceTreeSize));
    }

    @GetMapping("/accounts/{email}")
    ResponseEntity<byte[]> account(@PathVariable String email, @RequestParam(required = false) Long sinceTreeSize) {
        return answer(bundles.forAccount(email, sinceTreeSize));
    }

    @GetMapping("/range")
    ResponseEntity<byte[]> range(@RequestParam String from, @RequestParam String to,
                                 @RequestParam(required = false) Long sinceTreeSize) {
        return answer(bundles.forRange(instant("from", from), instant("to", to), sinceTreeSize));
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ExportRefused.badRequest("'" + name + "' must be an instant such as 2026-03-03T09:00:00Z, not '"
                    + value + "'");
        }
    }

    private static ResponseEntity<byte[]> answer(ExportBundles.Bundle bundle) {
        return ResponseEntity.ok()
                .contentType(ZIP)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(bundle.fileName()).build().toString())
                .header("X-Ledger-Tree-Size", String.valueOf(bundle.treeSize()))
                .body(bundle.zip());
    }
}
