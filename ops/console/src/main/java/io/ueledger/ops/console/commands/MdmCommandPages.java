package io.ueledger.ops.console.commands;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ueledger.command.admin.MdmCommandAccepted;
import io.ueledger.command.admin.MdmCommandIssuer;
import io.ueledger.command.admin.MdmCommandPreview;
import io.ueledger.command.admin.MdmCommandRefusal;
import io.ueledger.command.admin.MdmCommandVerdict;
import io.ueledger.ops.console.web.ConsoleUser;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * An admin sends an MDM command to one device from its page. "Check" asks the policy (a dry run,
 * nothing recorded) and shows its verdict in place; "Send" goes through the same issuer as the
 * API, so a refusal is recorded in the ledger exactly as there.
 */
@Controller
class MdmCommandPages {

    private static final Logger log = LoggerFactory.getLogger(MdmCommandPages.class);

    private final MdmCommandPreview preview;
    private final MdmCommandIssuer issuer;
    private final ObjectMapper json;

    MdmCommandPages(MdmCommandPreview preview, MdmCommandIssuer issuer, ObjectMapper json) {
        this.preview = preview;
        this.issuer = issuer;
        this.json = json;
    }

    /** The verdict fragment htmx swaps into the form; a problem with the input is shown there too (400). */
    @PostMapping("/console/admin/devices/{ref}/commands/check")
    String check(@PathVariable String ref, @ModelAttribute MdmCommandForm form, Model model,
            HttpServletResponse response) {
        try {
            MdmCommandVerdict verdict = preview.decide(ref, form.input(json));
            model.addAttribute("verdict", verdict);
        } catch (RuntimeException e) {
            log.info("Console command check for {} refused: {}", ref, e.getMessage());
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("problem", e.getMessage());
        }
        return "console/fragments/verdict :: verdict";
    }

    @PostMapping("/console/admin/devices/{ref}/commands")
    String send(@PathVariable String ref, @ModelAttribute MdmCommandForm form, Authentication authentication,
            RedirectAttributes redirect) {
        String admin = ConsoleUser.of(authentication).id();
        try {
            MdmCommandAccepted accepted = issuer.issue(ref, form.input(json), admin);
            redirect.addFlashAttribute("sent", new CommandSent(accepted.requestType(), accepted.commandUuid(),
                    String.valueOf(accepted.verdict()), accepted.narrowing()));
        } catch (MdmCommandRefusal refusal) {
            log.info("Console: MDM command {} for {} refused by rule {} (recorded)", refusal.requestType(), ref,
                    refusal.rule());
            redirect.addFlashAttribute("refused", new CommandRefused(refusal.requestType(), refusal.rule(),
                    refusal.reason(), refusal.source()));
        } catch (RuntimeException e) {
            log.info("Console: MDM command for {} not sent: {}", ref, e.getMessage());
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/console/devices/" + ref + "#command";
    }

    /**
     * What the device page says after a send. Flash attributes live in the web session, which is kept in
     * PostgreSQL for every node and so must be serializable: only these plain strings go there.
     */
    public record CommandSent(String requestType, String commandUuid, String verdict, String narrowing)
            implements java.io.Serializable {
    }

    /** The refusal as the device page shows it (see {@link CommandSent}). */
    public record CommandRefused(String requestType, String rule, String reason, String source)
            implements java.io.Serializable {
    }
}
