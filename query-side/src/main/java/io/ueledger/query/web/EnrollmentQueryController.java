package io.ueledger.query.web;

import io.ueledger.kernel.device.Platform;
import io.ueledger.kernel.enrollment.EnrollmentStage;
import io.ueledger.kernel.processing.ProcessorNames;
import io.ueledger.kernel.query.EnrollmentPage;
import io.ueledger.kernel.query.EnrollmentView;
import io.ueledger.kernel.query.FindEnrollment;
import io.ueledger.kernel.query.FindEnrollments;
import io.ueledger.kernel.query.FindHistory;
import io.ueledger.kernel.query.HistoryPage;
import io.ueledger.query.history.DeviceHistoryProjection;
import io.ueledger.query.registry.EnrollmentRegistryProjection;
import io.ueledger.query.replay.ViewReadiness;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The read-only enrollment API for admins and compliance officers. It turns request parameters
 * into kernel queries and asks them through Axon's query gateway, so this controller does not
 * know where (or on which node) the views are kept.
 */
@RestController
@RequestMapping("/api/enrollments")
public class EnrollmentQueryController {

    private final QueryGateway queries;
    private final ViewReadiness views;

    public EnrollmentQueryController(QueryGateway queries, ViewReadiness views) {
        this.queries = queries;
        this.views = views;
    }

    @GetMapping
    public EnrollmentPage list(@RequestParam(required = false) String stage,
                               @RequestParam(required = false) String platform,
                               @RequestParam(required = false) String account,
                               @RequestParam(required = false) String osVersion,
                               @RequestParam(defaultValue = "0") int page,
                               @RequestParam(defaultValue = "" + FindEnrollments.DEFAULT_SIZE) int size) {
        FindEnrollments query = valid(() -> new FindEnrollments(stage(stage), platform(platform), account,
                osVersion, page, size));
        views.requireReady(ProcessorNames.ENROLLMENT_REGISTRY);
        return queries.query(query, ResponseTypes.instanceOf(EnrollmentPage.class)).join();
    }

    @GetMapping("/{ref}")
    public EnrollmentView one(@PathVariable String ref) {
        views.requireReady(ProcessorNames.ENROLLMENT_REGISTRY);
        return queries.query(new FindEnrollment(ref), ResponseTypes.optionalInstanceOf(EnrollmentView.class))
                .join()
                .orElseThrow(() -> new UnknownEnrollment(ref));
    }

    /** One device's events in stream order (oldest first unless asked), with the fleet history's filters. */
    @GetMapping("/{ref}/history")
    public HistoryPage history(@PathVariable String ref,
                               @RequestParam(name = "type", required = false) List<String> types,
                               @RequestParam(name = "outcome", required = false) List<String> outcomes,
                               @RequestParam(required = false) String from,
                               @RequestParam(required = false) String to,
                               @RequestParam(required = false) String actor,
                               @RequestParam(defaultValue = "0") int page,
                               @RequestParam(defaultValue = "" + FindEnrollments.DEFAULT_SIZE) int size,
                               @RequestParam(defaultValue = "asc") String order) {
        FindHistory query = HistoryParameters.query(ref, types, outcomes, from, to, actor, order, page, size);
        views.requireReady(ProcessorNames.DEVICE_HISTORY);
        return queries.query(query, ResponseTypes.optionalInstanceOf(HistoryPage.class))
                .join()
                .orElseThrow(() -> new UnknownEnrollment(ref));
    }

    /** The query records check their own limits; their message is what the caller needs to read. */
    private static <Q> Q valid(Supplier<Q> query) {
        try {
            return query.get();
        } catch (IllegalArgumentException e) {
            throw new InvalidQuery(e.getMessage());
        }
    }

    private static EnrollmentStage stage(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return EnrollmentStage.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidQuery("unknown stage '" + text + "' (expected one of "
                    + Arrays.stream(EnrollmentStage.values()).map(Enum::name).collect(Collectors.joining(", "))
                    + ")");
        }
    }

    private static Platform platform(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return Platform.parse(text); // its IllegalArgumentException names the platforms it knows
    }

}
