package io.ueledger.command.ddm;

import java.security.Principal;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin API for declaration sets: save (create or new version) and assign. Reading sets, their
 * assignments and what devices reported is on the query side ({@code /api/ddm/...}).
 */
@RestController
public class DeclarationSetController {

    private final DeclarationAssigner assigner;

    public DeclarationSetController(DeclarationAssigner assigner) {
        this.assigner = assigner;
    }

    @PutMapping("/api/admin/declaration-sets/{setId}")
    public DeclarationAssigner.SavedSet save(@PathVariable String setId, @RequestBody DeclarationSetInput input,
                                             Principal admin) {
        return assigner.save(setId, input, admin.getName());
    }

    @PostMapping("/api/admin/declaration-sets/{setId}/assignments")
    public ResponseEntity<List<AssignmentResult>> assign(@PathVariable String setId, @RequestBody AssignmentInput target,
                                                         Principal admin) {
        return ResponseEntity.ok(assigner.assign(setId, target, admin.getName()));
    }
}
