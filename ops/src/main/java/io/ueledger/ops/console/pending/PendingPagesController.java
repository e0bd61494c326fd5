package io.ueledger.ops.console.pending;

import io.ueledger.ops.console.web.ConsoleInputError;
import io.ueledger.ops.console.web.ConsoleNotFound;
import io.ueledger.ops.console.web.ConsoleUser;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Console pages whose backing service is not in this build yet: they exist, but answer 404 (and
 * are out of the navigation) until a bean implements their interface. No page shows made-up data.
 */
@Controller
class PendingPagesController {

    private final ObjectProvider<LedgerCheckpoints> checkpoints;
    private final ObjectProvider<DeviceUnenrollment> unenrollment;

    PendingPagesController(ObjectProvider<LedgerCheckpoints> checkpoints,
            ObjectProvider<DeviceUnenrollment> unenrollment) {
        this.checkpoints = checkpoints;
        this.unenrollment = unenrollment;
    }

    @GetMapping("/console/ledger")
    String ledger(Model model) {
        LedgerCheckpoints ledger = checkpoints.getIfAvailable();
        if (ledger == null) {
            throw new ConsoleNotFound("the ledger checkpoints are not available in this build");
        }
        model.addAttribute("checkpoints", ledger.latest(20));
        return "console/ledger";
    }

    @PostMapping("/console/admin/devices/{ref}/unenroll")
    String unenroll(@PathVariable String ref, @RequestParam(required = false) String reason,
            Authentication authentication, RedirectAttributes redirect) {
        DeviceUnenrollment service = unenrollment.getIfAvailable();
        if (service == null) {
            throw new ConsoleNotFound("unenrollment is not available in this build");
        }
        if (reason == null || reason.isBlank()) {
            throw new ConsoleInputError("give a reason for the unenrollment; it is recorded in the ledger");
        }
        service.unenroll(ref, reason.trim(), ConsoleUser.of(authentication).id());
        redirect.addFlashAttribute("unenrolled", true);
        return "redirect:/console/devices/" + ref;
    }
}
