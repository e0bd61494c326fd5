package io.ueledger.command.ddm;

import io.ueledger.kernel.ddm.DeclarationRef;
import io.ueledger.kernel.ddm.DeclarationRefusal;
import java.util.List;

/**
 * What a set did on one enrollment: the declarations now offered to the device, those the policy
 * refused (recorded on the enrollment), the new DeclarationsToken and the DeclarativeManagement
 * command queued to make the device sync (null when it could not be queued, with the problem).
 */
public record AssignmentResult(String enrollmentRef, List<DeclarationRef> offered, List<DeclarationRefusal> refused,
                               String declarationsToken, String syncCommandUuid, String problem) {
}
