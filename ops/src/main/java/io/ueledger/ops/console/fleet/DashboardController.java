package io.ueledger.ops.console.fleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The fleet dashboard, the console's home page for compliance officers and admins. */
@Controller
class DashboardController {

    private final FleetFigures figures;
    private final ObjectMapper json;

    DashboardController(FleetFigures figures, ObjectMapper json) {
        this.figures = figures;
        this.json = json;
    }

    @GetMapping({"/console", "/console/"})
    String dashboard(Model model) throws JsonProcessingException {
        FleetSummary summary = figures.summary();
        RefusalChart chart = RefusalChart.of(summary.refusals());
        model.addAttribute("summary", summary);
        model.addAttribute("chart", chart);
        // embedded in a <script> element: no '<' may end it early
        model.addAttribute("chartJson", json.writeValueAsString(chart).replace("<", "\\u003c"));
        model.addAttribute("refusalWindowDays", FleetFigures.REFUSAL_WINDOW.toDays());
        return "console/dashboard";
    }
}
