package io.ueledger.ops.console.ledger;

import io.ueledger.kernel.ledger.NoteVerifier;
import io.ueledger.ops.console.web.ConsoleInputError;
import io.ueledger.ops.console.web.Paging;
import io.ueledger.query.ledger.LedgerCheckpoint;
import io.ueledger.query.ledger.LedgerCheckpoints;
import io.ueledger.query.ledger.LedgerProofs;
import io.ueledger.query.ledger.LedgerPublicKey;
import io.ueledger.query.ledger.LedgerRequestRefused;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Merkle ledger for compliance officers and admins: the latest signed checkpoint verified
 * against the public key, the checkpoints before it, and an inclusion proof for any event verified
 * here with the kernel's verifier. Admins may also sign a checkpoint now.
 */
@Controller
class LedgerPages {

    static final int CHECKPOINTS_PER_PAGE = 10;
    private static final Logger log = LoggerFactory.getLogger(LedgerPages.class);

    private final LedgerCheckpoints checkpoints;
    private final LedgerProofs proofs;
    private final LedgerPublicKey publicKey;

    LedgerPages(LedgerCheckpoints checkpoints, LedgerProofs proofs, LedgerPublicKey publicKey) {
        this.checkpoints = checkpoints;
        this.proofs = proofs;
        this.publicKey = publicKey;
    }

    /** {@code event}: an event id whose inclusion proof to verify against the latest checkpoint. */
    @GetMapping("/console/ledger")
    String ledger(@RequestParam(required = false) String event, @RequestParam(defaultValue = "0") int page,
            Model model, HttpServletResponse response) {
        if (page < 0) {
            throw new ConsoleInputError("page must be 0 or more, not " + page);
        }
        NoteVerifier verifier = NoteVerifier.fromVerifierKey(publicKey.verifierKey());
        model.addAttribute("publicKey", publicKey.verifierKey());
        model.addAttribute("latest", checkpoints.latest().map(c -> CheckpointCheck.of(c, verifier)).orElse(null));
        model.addAttribute("history", checkpoints.page(page, CHECKPOINTS_PER_PAGE).stream()
                .map(c -> CheckpointCheck.of(c, verifier)).toList());
        model.addAttribute("paging", new Paging(page, CHECKPOINTS_PER_PAGE, checkpoints.count()));
        if (event != null) {
            model.addAttribute("event", event.strip());
            verifyInclusion(event.strip(), verifier, model, response);
        }
        return "console/ledger";
    }

    private void verifyInclusion(String eventId, NoteVerifier verifier, Model model, HttpServletResponse response) {
        if (eventId.isEmpty()) {
            log.info("Console: inclusion check refused: no event id");
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("proofProblem", "Type the id of an event (as shown in a device's timeline).");
            return;
        }
        try {
            InclusionCheck check = InclusionCheck.of(proofs.inclusion(eventId, null), verifier);
            if (!check.verified()) {
                // the console's own copy of the ledger disagrees with itself: worth more than an info line
                log.warn("Console: the inclusion proof of event {} does not verify: {}", eventId, check.problem());
            }
            model.addAttribute("inclusion", check);
        } catch (LedgerRequestRefused e) {
            log.info("Console: no inclusion proof for event {}: {}", eventId, e.getMessage());
            response.setStatus(e.status().value());
            model.addAttribute("proofProblem", "No proof for '" + eventId + "': " + e.getMessage() + ".");
        }
    }

    @PostMapping("/console/admin/ledger/checkpoints")
    String signNow(RedirectAttributes redirect) {
        LedgerCheckpoint signed = checkpoints.publish();
        redirect.addFlashAttribute("signed", signed.treeSize());
        return "redirect:/console/ledger";
    }
}
