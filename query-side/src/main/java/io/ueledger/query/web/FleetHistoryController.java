package io.ueledger.query.web;

import io.ueledger.kernel.processing.ProcessorNames;
import io.ueledger.kernel.query.FindEnrollments;
import io.ueledger.kernel.query.HistoryPage;
import io.ueledger.query.history.DeviceHistoryProjection;
import io.ueledger.query.replay.ViewReadiness;
import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The history of the whole fleet, filtered: "every refused command last week", "what did
 * admin@corp.example do on 3 March". Newest first unless asked otherwise.
 */
@RestController
@RequestMapping("/api/history")
public class FleetHistoryController {

    private final QueryGateway queries;
    private final ViewReadiness views;

    public FleetHistoryController(QueryGateway queries, ViewReadiness views) {
        this.queries = queries;
        this.views = views;
    }

    @GetMapping
    public HistoryPage history(@RequestParam(name = "type", required = false) List<String> types,
                               @RequestParam(name = "outcome", required = false) List<String> outcomes,
                               @RequestParam(required = false) String from,
                               @RequestParam(required = false) String to,
                               @RequestParam(required = false) String actor,
                               @RequestParam(defaultValue = "desc") String order,
                               @RequestParam(defaultValue = "0") int page,
                               @RequestParam(defaultValue = "" + FindEnrollments.DEFAULT_SIZE) int size) {
        var query = HistoryParameters.query(null, types, outcomes, from, to, actor, order, page, size);
        views.requireReady(ProcessorNames.DEVICE_HISTORY);
        return queries.query(query, ResponseTypes.optionalInstanceOf(HistoryPage.class)).join().orElseThrow();
    }
}
