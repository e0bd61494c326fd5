package io.ueledger.ops.console.devices;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ueledger.kernel.device.Platform;
import io.ueledger.kernel.enrollment.EnrollmentStage;
import io.ueledger.kernel.query.DeviceHistoryPage;
import io.ueledger.kernel.query.EnrollmentPage;
import io.ueledger.kernel.query.EnrollmentView;
import io.ueledger.kernel.query.FindDeviceHistory;
import io.ueledger.kernel.query.FindEnrollment;
import io.ueledger.ops.console.commands.MdmCommandChoices;
import io.ueledger.ops.console.compliance.ConsoleReports;
import io.ueledger.ops.console.web.ConsoleInputError;
import io.ueledger.ops.console.web.ConsoleNotFound;
import io.ueledger.ops.console.web.Paging;
import java.util.List;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The device list (filters, paging) and one device's page with its timeline and data-separation
 * report. Both ask the query side through Axon's query gateway, as the enrollment API does.
 */
@Controller
class DevicePagesController {

    static final int TIMELINE_PAGE_SIZE = 50;

    private final QueryGateway queries;
    private final ObjectMapper json;
    private final ConsoleReports reports;

    DevicePagesController(QueryGateway queries, ObjectMapper json, ConsoleReports reports) {
        this.queries = queries;
        this.json = json;
        this.reports = reports;
    }

    @GetMapping("/console/devices")
    String list(@ModelAttribute("filter") DeviceFilter filter, @RequestParam(defaultValue = "0") int page,
            Model model) {
        EnrollmentPage result = queries.query(filter.query(page), ResponseTypes.instanceOf(EnrollmentPage.class))
                .join();
        model.addAttribute("devices", result.items());
        model.addAttribute("paging", new Paging(result.page(), result.size(), result.total()));
        model.addAttribute("pageBase", UriComponentsBuilder.fromPath("/console/devices")
                .queryParamIfPresent("stage", present(filter.stage())).queryParamIfPresent("platform", present(filter.platform()))
                .queryParamIfPresent("account", present(filter.account()))
                .queryParamIfPresent("osVersion", present(filter.osVersion())).encode().build().toUriString());
        model.addAttribute("stages", EnrollmentStage.values());
        model.addAttribute("platforms", Platform.values());
        return "console/devices";
    }

    private static Optional<String> present(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    @GetMapping("/console/devices/{ref}")
    String device(@PathVariable String ref, @RequestParam(defaultValue = "0") int page, Model model) {
        if (page < 0) {
            throw new ConsoleInputError("page must be 0 or more, not " + page);
        }
        EnrollmentView device = queries.query(new FindEnrollment(ref), ResponseTypes.optionalInstanceOf(
                EnrollmentView.class)).join().orElseThrow(() -> new ConsoleNotFound("there is no enrollment '" + ref
                + "'"));
        DeviceHistoryPage history = queries.query(new FindDeviceHistory(ref, true, page, TIMELINE_PAGE_SIZE),
                ResponseTypes.optionalInstanceOf(DeviceHistoryPage.class)).join()
                .orElse(new DeviceHistoryPage(List.of(), page, TIMELINE_PAGE_SIZE, 0));
        model.addAttribute("device", device);
        model.addAttribute("timeline", history.items().stream().map(e -> TimelineEntry.of(e, json)).toList());
        model.addAttribute("paging", new Paging(history.page(), history.size(), history.total()));
        model.addAttribute("commandTypes", MdmCommandChoices.REQUEST_TYPES);
        model.addAttribute("report", reports.forEnrollment(ref).orElse(null));
        return "console/device";
    }
}
