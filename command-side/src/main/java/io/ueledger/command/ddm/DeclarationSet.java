package io.ueledger.command.ddm;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.ueledger.kernel.ddm.set.AssignDeclarationSet;
import io.ueledger.kernel.ddm.DeclarationRef;
import io.ueledger.kernel.ddm.set.DeclarationSetAssigned;
import io.ueledger.kernel.ddm.set.DeclarationSetSaved;
import io.ueledger.kernel.ddm.set.SaveDeclarationSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A set of declarations an admin authors and assigns. It keeps its current declarations (by
 * token) and the enrollments it is assigned to, so a new version reaches every one of them. What
 * reaches a device, and what the policy refused there, is on that enrollment's stream.
 */
@Aggregate
public class DeclarationSet {

    @AggregateIdentifier
    private String setId;
    private int version;
    private List<DeclarationRef> declarations = List.of();
    private final Set<String> assignedTo = new LinkedHashSet<>();

    protected DeclarationSet() {
        // required by Axon
    }

    /** Saves a new version; answers the enrollments to update. Saving identical content records nothing. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public List<String> handle(SaveDeclarationSet cmd) {
        if (setId == null || !declarations.equals(cmd.declarations())) {
            apply(new DeclarationSetSaved(cmd.setId(), cmd.name(), version + 1, cmd.declarations(), cmd.savedBy(),
                    cmd.occurredAt()));
        }
        return List.copyOf(assignedTo);
    }

    @CommandHandler
    public List<DeclarationRef> handle(AssignDeclarationSet cmd) {
        if (!assignedTo.contains(cmd.enrollmentRef())) {
            apply(new DeclarationSetAssigned(setId, cmd.enrollmentRef(), cmd.assignedBy(), cmd.occurredAt()));
        }
        return declarations;
    }

    @EventSourcingHandler
    void on(DeclarationSetSaved e) {
        setId = e.setId();
        version = e.version();
        declarations = List.copyOf(e.declarations());
    }

    @EventSourcingHandler
    void on(DeclarationSetAssigned e) {
        assignedTo.add(e.enrollmentRef());
    }
}
