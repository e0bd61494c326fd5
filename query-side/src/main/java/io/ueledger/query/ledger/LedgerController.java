package io.ueledger.query.ledger;

import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ledger API for auditors: signed checkpoints, the key that verifies them, inclusion and
 * consistency proofs (base64 hashes, RFC 6962), and the self-check. Reading is for compliance
 * officers and admins; signing a checkpoint now is for admins (see SecurityConfig).
 */
@RestController
@RequestMapping("/api/ledger")
class LedgerController {

    private static final MediaType TEXT = new MediaType("text", "plain", java.nio.charset.StandardCharsets.UTF_8);
    static final int MAX_PAGE_SIZE = 100;
    static final int MAX_HEADS_PAGE = 1000;

    /** A page of checkpoints, newest first. */
    record CheckpointPage(List<LedgerCheckpoint> checkpoints, int page, int size, long total) {
    }

    private final LedgerCheckpoints checkpoints;
    private final LedgerProofs proofs;
    private final LedgerSelfCheck selfCheck;
    private final LedgerSigning signing;
    private final LedgerKeyHistory keyHistory;

    LedgerController(LedgerCheckpoints checkpoints, LedgerProofs proofs, LedgerSelfCheck selfCheck,
            LedgerSigning signing, LedgerKeyHistory keyHistory) {
        this.keyHistory = keyHistory;
        this.checkpoints = checkpoints;
        this.proofs = proofs;
        this.selfCheck = selfCheck;
        this.signing = signing;
    }

    /**
     * The latest checkpoint: its signed note as {@code text/plain} (ready for any C2SP / sumdb note
     * verifier), or the JSON view when the caller asks for {@code application/json}.
     */
    @GetMapping("/checkpoint")
    ResponseEntity<?> latest(@RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        LedgerCheckpoint latest = latest();
        if (prefersJson(accept)) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(latest);
        }
        return ResponseEntity.ok().contentType(TEXT).body(latest.signedNote());
    }

    @GetMapping("/checkpoints")
    CheckpointPage history(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw LedgerRequestRefused.badRequest("page must be 0 or more and size between 1 and " + MAX_PAGE_SIZE
                    + ", got page=" + page + ", size=" + size);
        }
        return new CheckpointPage(checkpoints.page(page, size), page, size, checkpoints.count());
    }

    /** Signs the current tree now (or returns the checkpoint that already signs this size). */
    @PostMapping("/checkpoints")
    ResponseEntity<LedgerCheckpoint> signNow() {
        return ResponseEntity.status(HttpStatus.CREATED).body(checkpoints.publish());
    }

    /** The verifier key ({@code name+hash+base64(0x01 || Ed25519 public key)}). */
    @GetMapping(value = "/public-key", produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> publicKey() {
        return ResponseEntity.ok().contentType(TEXT).body(signing.verifierKey() + "\n");
    }

    /** The key history: the first key, then each rotation statement signed by the key before (see LedgerKeyHistory). */
    record KeyHistory(String origin, List<LedgerKeyHistory.Key> keys) {
    }

    @GetMapping("/keys")
    KeyHistory keys() {
        return new KeyHistory(keyHistory.origin(), keyHistory.keys());
    }

    /** A page of the heads a checkpoint of {@code treeSize} commits to, for monitors that check the whole heads tree. */
    record HeadsPage(long treeSize, long count, String root, int page, int size,
                     List<io.ueledger.kernel.ledger.AggregateHead> heads) {
    }

    @GetMapping("/heads")
    HeadsPage heads(@RequestParam long treeSize, @RequestParam(defaultValue = "0") int page,
                    @RequestParam(defaultValue = "1000") int size) {
        LedgerCheckpoint latest = latest();
        if (treeSize < 0 || treeSize > latest.treeSize() || page < 0 || size < 1 || size > MAX_HEADS_PAGE) {
            throw LedgerRequestRefused.badRequest("treeSize must be between 0 and the latest checkpoint's size "
                    + latest.treeSize() + ", page 0 or more and size between 1 and " + MAX_HEADS_PAGE + "; got treeSize="
                    + treeSize + ", page=" + page + ", size=" + size);
        }
        io.ueledger.kernel.ledger.HeadsTree tree = checkpoints.headsAt(treeSize);
        io.ueledger.kernel.ledger.HeadsTree.Commitment commitment = tree.commitment();
        List<io.ueledger.kernel.ledger.AggregateHead> all = tree.heads();
        int from = (int) Math.min(all.size(), (long) page * size);
        return new HeadsPage(treeSize, commitment.count(), java.util.Base64.getEncoder().encodeToString(commitment.root()),
                page, size, all.subList(from, Math.min(all.size(), from + size)));
    }

    @GetMapping("/events/{eventId}/inclusion")
    LedgerProofs.Inclusion inclusion(@PathVariable String eventId, @RequestParam(required = false) Long treeSize) {
        return proofs.inclusion(eventId, treeSize);
    }

    @GetMapping("/consistency")
    LedgerProofs.Consistency consistency(@RequestParam long first, @RequestParam long second) {
        return proofs.consistency(first, second);
    }

    @PostMapping("/self-check")
    SelfCheckReport runSelfCheck() {
        return selfCheck.run();
    }

    /** The same check for compliance officers, who may only read. */
    @GetMapping("/self-check")
    SelfCheckReport readSelfCheck() {
        return selfCheck.run();
    }

    /** JSON only when the caller ranks it above plain text (clients that accept anything get the note). */
    private static boolean prefersJson(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        try {
            List<MediaType> types = MediaType.parseMediaTypes(accept);
            MimeTypeUtils.sortBySpecificity(types);
            types.sort(MediaType.QUALITY_VALUE_COMPARATOR);
            for (MediaType type : types) {
                if (type.equalsTypeAndSubtype(MediaType.APPLICATION_JSON)) {
                    return true;
                }
                if (type.isCompatibleWith(MediaType.TEXT_PLAIN)) {
                    return false;
                }
            }
        } catch (org.springframework.http.InvalidMediaTypeException e) {
            return false;
        }
        return false;
    }

    private LedgerCheckpoint latest() {
        return checkpoints.latest().orElseThrow(() -> LedgerRequestRefused.notFound(
                "no checkpoint has been signed yet; one is signed at the next interval once events exist, "
                        + "or POST /api/ledger/checkpoints"));
    }
}
