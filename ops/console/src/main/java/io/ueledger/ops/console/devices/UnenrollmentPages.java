package io.ueledger.ops.console.devices;

import io.ueledger.command.enrollment.EnrollmentRuleViolation;
import io.ueledger.command.unenrollment.AdminUnenrollment;
import io.ueledger.kernel.enrollment.EnrollmentStage;
import io.ueledger.kernel.query.EnrollmentView;
import io.ueledger.kernel.query.FindEnrollment;
import io.ueledger.ops.console.web.ConsoleConflict;
import io.ueledger.ops.console.web.ConsoleInputError;
import io.ueledger.ops.console.web.ConsoleNotFound;
import io.ueledger.ops.console.web.ConsoleUser;
import java.nio.charset.StandardCharsets;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/**
 * An admin unenrolls a device with a reason, in two steps: the device page's form leads to a page
 * that says what will happen (nothing is sent yet), and only its confirm button asks
 * {@link AdminUnenrollment}, the same service as the API, to queue the RemoveProfile.
 */
@Controller
class UnenrollmentPages {

    private static final Logger log = LoggerFactory.getLogger(UnenrollmentPages.class);

    private final AdminUnenrollment unenrollment;
    private final QueryGateway queries;

    UnenrollmentPages(AdminUnenrollment unenrollment, QueryGateway queries) {
        this.unenrollment = unenrollment;
        this.queries = queries;
    }

    /** The confirm step: shows the device, the reason and what unenrolling does. Changes nothing. */
    @PostMapping("/console/admin/devices/{ref}/unenroll/confirm")
    String confirm(@PathVariable String ref, @RequestParam(required = false) String reason, Model model) {
        EnrollmentView device = queries.query(new FindEnrollment(ref), ResponseTypes.optionalInstanceOf(
                EnrollmentView.class)).join().orElseThrow(() -> new ConsoleNotFound("there is no enrollment '" + ref
                + "'"));
        if (device.stage() != EnrollmentStage.ENROLLED) {
            throw new ConsoleConflict("the device is " + device.stage() + ", not ENROLLED, so it cannot be unenrolled"
                    + (device.stage() == EnrollmentStage.UNENROLLMENT_PENDING ? " again" : ""));
        }
        model.addAttribute("device", device);
        model.addAttribute("reason", requireReason(reason));
        return "console/unenroll-confirm";
    }

    @PostMapping("/console/admin/devices/{ref}/unenroll")
    String unenroll(@PathVariable String ref, @RequestParam(required = false) String reason,
            Authentication authentication, RedirectAttributes redirect) {
        String admin = ConsoleUser.of(authentication).id();
        String commandUuid;
        try {
            commandUuid = unenrollment.unenroll(ref, admin, requireReason(reason));
        } catch (EnrollmentRuleViolation e) {
            throw new ConsoleConflict(e.getMessage());
        } catch (AggregateNotFoundException e) {
            throw new ConsoleNotFound("there is no enrollment '" + ref + "'");
        }
        log.info("Console: unenrollment of {} requested by {}: RemoveProfile {}", ref, admin, commandUuid);
        redirect.addFlashAttribute("unenrolled", commandUuid);
        return "redirect:/console/devices/" + UriUtils.encodePathSegment(ref, StandardCharsets.UTF_8) + "#unenroll";
    }

    private static String requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new ConsoleInputError("give a reason for the unenrollment; it is recorded in the ledger");
        }
        return reason.strip();
    }
}
