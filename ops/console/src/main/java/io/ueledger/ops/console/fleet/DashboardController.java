package io.ueledger.ops.console.fleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ueledger.query.compliance.FleetFigures;
import io.ueledger.query.compliance.FleetSummaries;
import io.ueledger.query.compliance.FleetSummary;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The fleet dashboard, the console's home page for compliance officers and admins: the compliance
 * fleet summary (the same figures as {@code /api/compliance/fleet/summary}) with the console's
 * refusal chart and OS breakdown.
 */
@Controller
class DashboardController {

    /** A long list of pending unenrollments is cut here; the device list filtered by stage has them all. */
    static final int PENDING_SHOWN = 20;

    private final FleetSummaries summaries;
    private final FleetFigures figures;
    private final ObjectMapper json;

    DashboardController(FleetSummaries summaries, FleetFigures figures, ObjectMapper json) {
        this.summaries = summaries;
        this.figures = figures;
        this.json = json;
    }

    @GetMapping({"/console", "/console/"})
    String dashboard(Model model) throws JsonProcessingException {
        FleetSummary summary = summaries.summary();
        List<FleetFigures.RefusalDay> refusalDays = figures.refusalsPerDay();
        RefusalChart chart = RefusalChart.of(refusalDays);
        List<FleetSummary.PendingUnenrollment> pending = summary.pendingUnenrollments();
        model.addAttribute("summary", summary);
        model.addAttribute("openByOs", figures.openByMajorOs());
        model.addAttribute("refusalDays", refusalDays);
        model.addAttribute("chart", chart);
        // embedded in a <script> element: no '<' may end it early
        model.addAttribute("chartJson", json.writeValueAsString(chart).replace("<", "\\u003c"));
        model.addAttribute("refusalWindowDays", FleetFigures.REFUSAL_WINDOW.toDays());
        model.addAttribute("pending", pending.subList(0, Math.min(PENDING_SHOWN, pending.size())));
        model.addAttribute("pendingMore", Math.max(0, pending.size() - PENDING_SHOWN));
        return "console/dashboard";
    }
}
