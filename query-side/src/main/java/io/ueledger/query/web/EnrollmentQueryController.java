package io.ueledger.query.web;

import io.ueledger.kernel.device.Platform;
import io.ueledger.kernel.enrollment.EnrollmentStage;
import io.ueledger.kernel.query.DeviceHistoryPage;
import io.ueledger.kernel.query.EnrollmentPage;
import io.ueledger.kernel.query.EnrollmentView;
import io.ueledger.kernel.query.FindDeviceHistory;
import io.ueledger.kernel.query.FindEnrollment;
import io.ueledger.kernel.query.FindEnrollments;
import java.util.Arrays;
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

    public EnrollmentQueryController(QueryGateway queries) {
        this.queries = queries;
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
        return queries.query(query, ResponseTypes.instanceOf(EnrollmentPage.class)).join();
    }

    @GetMapping("/{ref}")
    public EnrollmentView one(@PathVariable String ref) {
        return queries.query(new FindEnrollment(ref), ResponseTypes.optionalInstanceOf(EnrollmentView.class))
                .join()
                .orElseThrow(() -> new EnrollmentNotFoundException(ref));
    }

    @GetMapping("/{ref}/history")
    public DeviceHistoryPage history(@PathVariable String ref,
                                     @RequestParam(defaultValue = "0") int page,
                                     @RequestParam(defaultValue = "" + FindEnrollments.DEFAULT_SIZE) int size,
                                     @RequestParam(defaultValue = "asc") String order) {
        FindDeviceHistory query = valid(() -> new FindDeviceHistory(ref, ascending(order), page, size));
        return queries.query(query, ResponseTypes.optionalInstanceOf(DeviceHistoryPage.class))
                .join()
                .orElseThrow(() -> new EnrollmentNotFoundException(ref));
    }

    /** The query records check their own limits; their message is what the caller needs to read. */
    private static <Q> Q valid(Supplier<Q> query) {
        try {
            return query.get();
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException(e.getMessage());
        }
    }

    private static EnrollmentStage stage(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return EnrollmentStage.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException("unknown stage '" + text + "' (expected one of "
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

    private static boolean ascending(String order) {
        return switch (order.trim().toLowerCase(Locale.ROOT)) {
            case "asc" -> true;
            case "desc" -> false;
            default -> throw new InvalidQueryException("order must be asc or desc, not '" + order + "'");
        };
    }
}
