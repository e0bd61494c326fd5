package io.ueledger.ops.console.ddm;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ueledger.command.ddm.AssignmentInput;
import io.ueledger.command.ddm.AssignmentResult;
import io.ueledger.command.ddm.DeclarationAssigner;
import io.ueledger.ops.console.web.ConsoleNotFound;
import io.ueledger.ops.console.web.ConsoleUser;
import io.ueledger.query.ddm.DeclarationSetView;
import io.ueledger.query.ddm.DeclarativeStatusQueries;
import io.ueledger.query.ddm.DeviceDeclarations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/**
 * Declarative Device Management in the console: the declaration sets with the devices they are
 * assigned to (and, for admins, a form to assign one), and per device the declarations in force
 * with the status the device reported, the refusals, and the status items kept. Same services as
 * the APIs, so the User Enrollment policy decides exactly as there.
 */
@Controller
class DeclarationPages {

    private static final Logger log = LoggerFactory.getLogger(DeclarationPages.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DeclarativeStatusQueries queries;
    private final DeclarationAssigner assigner;

    DeclarationPages(DeclarativeStatusQueries queries, DeclarationAssigner assigner) {
        this.queries = queries;
        this.assigner = assigner;
    }

    /** A set with its declarations read from the view's JSON. */
    record SetRow(DeclarationSetView set, List<Map<String, Object>> declarations) {
    }

    @GetMapping("/console/declarations")
    String sets(Model model) {
        model.addAttribute("sets", queries.sets().stream().map(s -> new SetRow(s, list(s.declarations()))).toList());
        return "console/declarations";
    }

    @PostMapping("/console/admin/declarations/{setId}/assign")
    String assign(@PathVariable String setId, @RequestParam(required = false) String enrollmentRef,
                  @RequestParam(required = false) String account, Authentication authentication,
                  RedirectAttributes redirect) {
        try {
            List<AssignmentResult> results = assigner.assign(setId, new AssignmentInput(blankToNull(enrollmentRef),
                    blankToNull(account), null, null), ConsoleUser.of(authentication).id());
            int offered = results.stream().mapToInt(r -> r.offered().size()).sum();
            int refused = results.stream().mapToInt(r -> r.refused().size()).sum();
            redirect.addFlashAttribute("assigned", "Set " + setId + " assigned to " + results.size()
                    + " device(s): " + offered + " declaration(s) offered, " + refused
                    + " refused by the User Enrollment policy.");
        } catch (RuntimeException e) {
            log.info("Console: set {} not assigned: {}", setId, e.getMessage());
            redirect.addFlashAttribute("assignProblem", e.getMessage());
        }
        return "redirect:/console/declarations";
    }

    @GetMapping("/console/devices/{ref}/declarations")
    String device(@PathVariable String ref, Model model) {
        DeviceDeclarations found = queries.device(ref).orElseThrow(() -> new ConsoleNotFound("enrollment '" + ref
                + "' has no declarations, refusals or status reports (yet)"));
        model.addAttribute("ddm", found);
        model.addAttribute("deviceLink", "/console/devices/" + UriUtils.encodePathSegment(ref, StandardCharsets.UTF_8));
        return "console/device-declarations";
    }

    private static List<Map<String, Object>> list(String json) {
        try {
            return JSON.readValue(json, new TypeReference<>() { });
        } catch (IOException e) {
            throw new IllegalStateException("declaration set view holds unreadable JSON", e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
