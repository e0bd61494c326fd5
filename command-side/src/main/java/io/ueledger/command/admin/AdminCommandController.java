package io.ueledger.command.admin;

import java.security.Principal;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin's MDM command API: one command to one enrollment, or the same command to a group of
 * enrollments in the background. Every device gets its own User Enrollment policy decision.
 */
@RestController
public class AdminCommandController {

    private final MdmCommandIssuer issuer;
    private final CommandBatches batches;
    private final MdmCommandPreview preview;

    public AdminCommandController(MdmCommandIssuer issuer, CommandBatches batches, MdmCommandPreview preview) {
        this.issuer = issuer;
        this.batches = batches;
        this.preview = preview;
    }

    /** 202 with the command UUID and the decision; 422 (recorded) when the policy refuses. */
    @PostMapping("/api/admin/enrollments/{ref}/commands")
    public ResponseEntity<MdmCommandAccepted> send(@PathVariable String ref, @RequestBody MdmCommandInput input,
                                                   Principal admin) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(issuer.issue(ref, input, admin.getName()));
    }

    /** {@code ?dryRun=true}: 200 with the policy's verdict; nothing is queued or recorded. */
    @PostMapping(path = "/api/admin/enrollments/{ref}/commands", params = "dryRun=true")
    public MdmCommandVerdict dryRun(@PathVariable String ref, @RequestBody MdmCommandInput input) {
        return preview.decide(ref, input);
    }

    /** 202 with the batch id; the commands are decided and queued in the background. */
    @PostMapping("/api/admin/command-batches")
    public ResponseEntity<BatchProgress> sendToGroup(@RequestBody BatchRequest request, Principal admin) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(batches.start(request, admin.getName()));
    }

    @GetMapping("/api/admin/command-batches/{id}")
    public BatchProgress progress(@PathVariable String id) {
        return batches.progress(id);
    }
}
