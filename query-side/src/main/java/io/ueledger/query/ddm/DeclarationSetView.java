package io.ueledger.query.ddm;

import java.time.Instant;
import java.util.List;

/** A declaration set as saved (declarations by identifier, type and token) and the enrollments it is assigned to. */
public record DeclarationSetView(String setId, String name, int version, String declarations, String savedBy,
                                 Instant savedAt, String eventId, List<Assignment> assignments) {

    public record Assignment(String enrollmentRef, String assignedBy, Instant assignedAt, String eventId) {
    }
}
