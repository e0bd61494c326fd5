package io.ueledger.command.ddm;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ueledger.command.admin.EnrollmentDevice;
import io.ueledger.command.admin.EnrollmentDevices;
import io.ueledger.command.admin.MdmCommandAccepted;
import io.ueledger.command.admin.MdmCommandInput;
import io.ueledger.command.admin.MdmCommandIssuer;
import io.ueledger.command.admin.UnknownEnrollment;
import io.ueledger.command.enrollment.ClosedEnrollment;
import io.ueledger.command.enrollment.EnrollmentRuleViolation;
import io.ueledger.kernel.ddm.ApplyDeclarationSet;
import io.ueledger.kernel.ddm.set.AssignDeclarationSet;
import io.ueledger.kernel.ddm.DeclarationDecision;
import io.ueledger.kernel.ddm.DeclarationPolicy;
import io.ueledger.kernel.ddm.DeclarationRef;
import io.ueledger.kernel.ddm.DeclarationRefusal;
import io.ueledger.kernel.ddm.PayloadKeys;
import io.ueledger.kernel.ddm.set.SaveDeclarationSet;
import io.ueledger.kernel.ddm.SyncTokens;
import io.ueledger.kernel.device.Platform;
import io.ueledger.kernel.enrollment.EnrollmentStage;
import io.ueledger.kernel.query.EnrollmentPage;
import io.ueledger.kernel.query.EnrollmentView;
import io.ueledger.kernel.query.FindEnrollments;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Saves declaration sets and puts them on devices. For each device the User Enrollment policy
 * decides every declaration on that device's platform and OS; refusals are recorded on the
 * enrollment, the rest replace what the set had there, and a DeclarativeManagement command
 * carrying the new SyncTokens makes the device sync.
 */
@Service
public class DeclarationAssigner {

    private static final Logger log = LoggerFactory.getLogger(DeclarationAssigner.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final EnrollmentDevices devices;
    private final DeclarationBodies bodies;
    private final MdmCommandIssuer issuer;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final DeclarationPolicy policy = DeclarationPolicy.bundled();

    public DeclarationAssigner(CommandGateway commands, QueryGateway queries, EnrollmentDevices devices,
                               DeclarationBodies bodies, MdmCommandIssuer issuer, TransactionTemplate transactions,
                               Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.devices = devices;
        this.bodies = bodies;
        this.issuer = issuer;
        this.transactions = transactions;
        this.clock = clock;
    }

    public record SavedSet(String setId, List<DeclarationRef> declarations, List<AssignmentResult> updated) {
    }

    /** Saves a set (bodies and event in one transaction), then brings every enrollment it is assigned to up to date. */
    public SavedSet save(String setId, DeclarationSetInput input, String savedBy) {
        if (setId == null || !setId.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new InvalidDeclaration("a set id is 1-64 letters, digits, '.', '_' or '-'");
        }
        if (input == null || AssignmentInput.blank(input.name())) {
            throw new InvalidDeclaration("'name' is missing: give the set a name people recognise");
        }
        List<AuthoredDeclaration> authored = DeclarationAuthoring.read(input.declarations());
        List<DeclarationRef> refs = authored.stream().map(AuthoredDeclaration::ref).toList();
        Instant now = clock.instant();
        List<String> assigned = transactions.execute(tx -> {
            authored.forEach(d -> bodies.store(d, now));
            return commands.<List<String>>sendAndWait(new SaveDeclarationSet(setId, input.name().trim(), refs, savedBy,
                    now));
        });
        List<AssignmentResult> updated = new ArrayList<>();
        for (String enrollmentRef : assigned == null ? List.<String>of() : assigned) {
            updated.add(applyTo(enrollmentRef, setId, refs, savedBy));
        }
        log.info("Declaration set {} saved by {}: {} declaration(s), {} enrollment(s) updated", setId, savedBy,
                refs.size(), updated.size());
        return new SavedSet(setId, refs, updated);
    }

    /** Assigns a set to one enrollment or to every enrolled device a selector finds. */
    public List<AssignmentResult> assign(String setId, AssignmentInput target, String requestedBy) {
        if (target == null || target.isEmpty()) {
            throw new InvalidDeclaration("name where the set goes: 'enrollmentRef', or any of 'account', 'platform',"
                    + " 'osVersion'");
        }
        List<String> refs = AssignmentInput.blank(target.enrollmentRef()) ? candidates(target)
                : List.of(target.enrollmentRef().trim());
        if (refs.size() == 1) {
            requireAssignable(refs.get(0));
        }
        List<AssignmentResult> results = new ArrayList<>();
        for (String enrollmentRef : refs) {
            List<DeclarationRef> declarations;
            try {
                declarations = commands.sendAndWait(new AssignDeclarationSet(setId, enrollmentRef, requestedBy,
                        clock.instant()));
            } catch (AggregateNotFoundException e) {
                throw new UnknownDeclarationSet(setId);
            }
            results.add(applyTo(enrollmentRef, setId, declarations, requestedBy));
        }
        return results;
    }

    private void requireAssignable(String enrollmentRef) {
        EnrollmentDevice device = devices.find(enrollmentRef).orElseThrow(() -> new UnknownEnrollment(enrollmentRef));
        if (device.closed()) {
            throw new ClosedEnrollment("enrollment " + enrollmentRef + " is closed; no declarations can be "
                    + "assigned to it");
        }
        if (device.platform() == null || device.osVersion() == null) {
            throw new EnrollmentRuleViolation("the device of enrollment " + enrollmentRef + " has not reported its "
                    + "platform and OS version yet, so its declarations cannot be checked against the policy");
        }
    }

    private AssignmentResult applyTo(String enrollmentRef, String setId, List<DeclarationRef> declarations,
                                     String requestedBy) {
        EnrollmentDevice device = devices.find(enrollmentRef).orElseThrow(() -> new UnknownEnrollment(enrollmentRef));
        List<DeclarationRef> allowed = new ArrayList<>();
        List<DeclarationRefusal> refused = new ArrayList<>();
        for (DeclarationRef d : declarations) {
            DeclarationDecision decision = policy.decide(d.type(), payloadKeys(d), device.platform(),
                    device.osVersion());
            if (decision.allowed()) {
                allowed.add(d);
            } else {
                refused.add(new DeclarationRefusal(d.identifier(), d.type(), decision.rule(), decision.source(),
                        decision.reason()));
            }
        }
        SyncTokens tokens = commands.sendAndWait(new ApplyDeclarationSet(enrollmentRef, setId, allowed, refused,
                requestedBy, clock.instant()));
        String commandUuid = null;
        String problem = null;
        try {
            MdmCommandAccepted sync = issuer.issue(enrollmentRef, new MdmCommandInput("DeclarativeManagement",
                    Map.of("Data", DdmJson.tokensResponse(tokens)), null, null), requestedBy);
            commandUuid = sync.commandUuid();
        } catch (RuntimeException e) {
            // the declarations are in force either way; the device picks them up at its next sync
            problem = e.getMessage();
            log.warn("Declarations of set {} are in force on {} but no sync command was queued: {}", setId,
                    enrollmentRef, problem);
        }
        log.info("Declaration set {} on {}: {} offered, {} refused, token {}", setId, enrollmentRef, allowed.size(),
                refused.size(), tokens.declarationsToken());
        return new AssignmentResult(enrollmentRef, allowed, refused, tokens.declarationsToken(), commandUuid, problem);
    }

    private Set<String> payloadKeys(DeclarationRef d) {
        byte[] body = bodies.body(d.serverToken()).orElseThrow(() -> new IllegalStateException(
                "no stored content for declaration " + d.identifier() + " token " + d.serverToken()));
        try {
            Object payload = JSON.readValue(body, Map.class).get("Payload");
            @SuppressWarnings("unchecked")
            Map<String, Object> map = payload instanceof Map<?, ?> ? (Map<String, Object>) payload : Map.of();
            return PayloadKeys.of(map);
        } catch (IOException e) {
            throw new IllegalStateException("stored declaration " + d.identifier() + " is not JSON", e);
        }
    }

    private List<String> candidates(AssignmentInput target) {
        Platform platform;
        try {
            platform = AssignmentInput.blank(target.platform()) ? null : Platform.parse(target.platform());
        } catch (IllegalArgumentException e) {
            throw new InvalidDeclaration("platform: " + e.getMessage());
        }
        List<String> refs = new ArrayList<>();
        for (int page = 0; ; page++) {
            FindEnrollments query = new FindEnrollments(EnrollmentStage.ENROLLED, platform, target.account(),
                    target.osVersion(), page, FindEnrollments.MAX_SIZE);
            EnrollmentPage found = queries.query(query, EnrollmentPage.class).join();
            found.items().stream().map(EnrollmentView::enrollmentRef).forEach(refs::add);
            if (found.items().size() < query.size() || refs.size() >= found.total()) {
                return refs;
            }
        }
    }
}
