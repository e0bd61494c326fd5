package io.ueledger.command.ddm;

import static io.ueledger.command.plist.SafePlist.optionalData;
import static io.ueledger.command.plist.SafePlist.requireString;

import com.dd.plist.NSDictionary;
import io.ueledger.command.admin.EnrollmentDevice;
import io.ueledger.command.admin.EnrollmentDevices;
import io.ueledger.command.enrollment.UnknownDeclaration;
import io.ueledger.command.web.Problems;
import io.ueledger.kernel.ddm.DeclarationCategory;
import io.ueledger.kernel.ddm.DeclarationManifest;
import io.ueledger.kernel.ddm.DeclarationRef;
import io.ueledger.kernel.ddm.DeliverDeclaration;
import io.ueledger.kernel.ddm.ReadSyncTokens;
import io.ueledger.kernel.ddm.ReportDeclarationStatus;
import io.ueledger.kernel.ddm.SyncDeclarations;
import io.ueledger.kernel.ddm.SyncTokens;
import java.time.Clock;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The check-in message {@code DeclarativeManagement} (mdm/checkin/declarativemanagement.yaml):
 * one signed plist per DDM exchange, the operation in {@code Endpoint}. The enrollment comes from
 * the signature; the {@code EnrollmentID} in the message must be that enrollment's. Every answer is
 * decided by the enrollment aggregate, so a device never sees declarations a view has not caught
 * up with, and syncs, deliveries and status reports are recorded in the same step.
 */
@Component
public class DeclarativeManagementEndpoint {

    /** Larger reports are refused whole (413): a partial report would be a false record. */
    public static final int MAX_STATUS_REPORT_BYTES = 32 * 1024;

    private static final Logger log = LoggerFactory.getLogger(DeclarativeManagementEndpoint.class);
    private static final MediaType JSON = MediaType.APPLICATION_JSON;

    private final CommandGateway commands;
    private final DeclarationBodies bodies;
    private final EnrollmentDevices devices;
    private final Clock clock;

    public DeclarativeManagementEndpoint(CommandGateway commands, DeclarationBodies bodies, EnrollmentDevices devices,
                                         Clock clock) {
        this.commands = commands;
        this.bodies = bodies;
        this.devices = devices;
        this.clock = clock;
    }

    public ResponseEntity<?> handle(String enrollmentRef, NSDictionary message) {
        String endpoint = requireString(message, "Endpoint");
        String enrollmentId = requireString(message, "EnrollmentID");
        if (endpoint.equals("tokens")) {
            SyncTokens tokens = commands.sendAndWait(new ReadSyncTokens(enrollmentRef, enrollmentId));
            return ResponseEntity.ok().contentType(JSON).body(DdmJson.tokensResponse(tokens));
        }
        if (endpoint.equals("declaration-items")) {
            DeclarationManifest manifest = commands.sendAndWait(new SyncDeclarations(enrollmentRef, enrollmentId,
                    clock.instant()));
            return ResponseEntity.ok().contentType(JSON).body(DdmJson.declarationItems(manifest));
        }
        if (endpoint.startsWith("declaration/")) {
            return declaration(enrollmentRef, enrollmentId, endpoint);
        }
        if (endpoint.equals("status")) {
            return status(enrollmentRef, enrollmentId, optionalData(message, "Data"));
        }
        return refuse(HttpStatus.NOT_FOUND, "Unknown DDM endpoint", enrollmentRef, "DeclarativeManagement endpoint '"
                + endpoint + "' does not exist; the endpoints are tokens, declaration-items, "
                + "declaration/<activation|asset|configuration|management>/<Identifier> and status");
    }

    private ResponseEntity<?> declaration(String enrollmentRef, String enrollmentId, String endpoint) {
        String[] parts = endpoint.split("/", 3);
        Optional<DeclarationCategory> category = parts.length == 3 ? DeclarationCategory.fromPathSegment(parts[1])
                : Optional.empty();
        if (category.isEmpty() || parts[2].isBlank()) {
            return refuse(HttpStatus.NOT_FOUND, "Unknown DDM endpoint", enrollmentRef, "'" + endpoint + "' is not "
                    + "declaration/<activation|asset|configuration|management>/<Identifier>");
        }
        DeclarationRef ref;
        try {
            ref = commands.sendAndWait(new DeliverDeclaration(enrollmentRef, enrollmentId, category.get(), parts[2],
                    clock.instant()));
        } catch (UnknownDeclaration e) {
            // a 404 also tells the device to drop a declaration it still holds (declarativemanagement.yaml)
            return refuse(HttpStatus.NOT_FOUND, "Unknown declaration", enrollmentRef, e.getMessage());
        }
        byte[] body = bodies.body(ref.serverToken()).orElseThrow(() -> new IllegalStateException(
                "declaration " + ref.identifier() + " has no stored content for token " + ref.serverToken()));
        return ResponseEntity.ok().contentType(JSON).body(body);
    }

    private ResponseEntity<?> status(String enrollmentRef, String enrollmentId, byte[] data) {
        if (data == null || data.length == 0) {
            return refuse(HttpStatus.BAD_REQUEST, "Empty status report", enrollmentRef,
                    "Endpoint=status needs the StatusReport JSON in Data");
        }
        if (data.length > MAX_STATUS_REPORT_BYTES) {
            return refuse(HttpStatus.PAYLOAD_TOO_LARGE, "Status report too large", enrollmentRef, "the status report is "
                    + data.length + " bytes; at most " + MAX_STATUS_REPORT_BYTES + " are accepted");
        }
        EnrollmentDevice device = devices.find(enrollmentRef).orElseThrow(() -> new IllegalStateException(
                "enrollment " + enrollmentRef + " signed a request but has no device record"));
        StatusReportReader.Report report;
        try {
            report = StatusReportReader.read(data, device.platform());
        } catch (MalformedStatusReport e) {
            return refuse(HttpStatus.BAD_REQUEST, "Malformed status report", enrollmentRef, e.getMessage());
        }
        try {
            commands.sendAndWait(new ReportDeclarationStatus(enrollmentRef, enrollmentId, report.fullReport(),
                    report.declarations(), report.items(), report.droppedItems(), report.errors(), report.digest(),
                    clock.instant()));
        } catch (UnknownDeclaration e) {
            return refuse(HttpStatus.BAD_REQUEST, "Unknown declaration", enrollmentRef, e.getMessage());
        }
        log.debug("DDM status report from {}: {} declaration(s), {} item(s), {} dropped", enrollmentRef,
                report.declarations().size(), report.items().size(), report.droppedItems().size());
        return ResponseEntity.ok().build();
    }

    private static ResponseEntity<?> refuse(HttpStatus status, String title, String enrollmentRef, String detail) {
        log.info("DeclarativeManagement check-in from {} refused ({}): {}", enrollmentRef, status.value(), detail);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(status, title, detail));
    }
}
