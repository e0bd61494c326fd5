package io.ueledger.query.ledger;

import static io.ueledger.query.support.SqlTime.ts;

import io.ueledger.kernel.ledger.Checkpoint;
import io.ueledger.kernel.ledger.HeadsTree;
import io.ueledger.kernel.ledger.NoteSigner;
import io.ueledger.query.support.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import io.ueledger.kernel.fleet.FleetTurns;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Signs and keeps checkpoints: at an interval when the tree grew, and on demand. */
@Component
public class LedgerCheckpoints {

    private static final Logger log = LoggerFactory.getLogger(LedgerCheckpoints.class);

    private final JdbcTemplate jdbc;
    private final LedgerStore store;
    private final LedgerSigning signing;
    private final Clock clock;

    private final FleetTurns turns;
    private final Duration interval;

    LedgerCheckpoints(JdbcTemplate jdbc, LedgerStore store, LedgerSigning signing, Clock clock, FleetTurns turns,
            LedgerProperties properties) {
        this.turns = turns;
        this.interval = properties.checkpointInterval();
        this.jdbc = jdbc;
        this.store = store;
        this.signing = signing;
        this.clock = clock;
    }

    /** The interval's job: a new checkpoint only if leaves were appended since the last one. */
    @Scheduled(initialDelayString = "${ueledger.ledger.checkpoint-interval:PT1M}",
            fixedDelayString = "${ueledger.ledger.checkpoint-interval:PT1M}")
    public void publishIfGrown() {
        if (!turns.take("ledger-checkpoint", interval)) {
            return; // another node of the fleet signed this interval's checkpoint
        }
        long size = store.size();
        if (size > latest().map(LedgerCheckpoint::treeSize).orElse(0L)) {
            publish();
        }
    }

    /**
     * Signs the current tree now; if a checkpoint of that size exists already it is returned as is
     * (a size is signed once, so every note for a size is the same).
     */
    @Transactional
    public LedgerCheckpoint publish() {
        long size = store.size();
        Optional<LedgerCheckpoint> existing = ofSize(size);
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] root = store.tree().root(size);
        NoteSigner signer = signing.signer();
        HeadsTree.Commitment heads = store.heads(size).commitment();
        String note = signer.sign(new Checkpoint(signing.origin(), size, root, List.of(heads.extensionLine())).body());
        jdbc.update("""
                insert into ledger_checkpoint (tree_size, root_hash, signed_note, created_at) values (?, ?, ?, ?)
                on conflict (tree_size) do nothing
                """, size, root, note, ts(clock.instant()));
        log.info("Ledger checkpoint signed: tree size {}, root {}", size, Base64.getEncoder().encodeToString(root));
        return ofSize(size).orElseThrow();
    }

    /** Where every aggregate's history ends in the first {@code treeSize} leaves, as checkpoints commit to it. */
    public HeadsTree headsAt(long treeSize) {
        return store.heads(treeSize);
    }

    public Optional<LedgerCheckpoint> latest() {
        return jdbc.query("select * from ledger_checkpoint order by tree_size desc limit 1", this::row)
                .stream().findFirst();
    }

    public Optional<LedgerCheckpoint> ofSize(long treeSize) {
        return jdbc.query("select * from ledger_checkpoint where tree_size = ?", this::row, treeSize)
                .stream().findFirst();
    }

    /** Newest first. */
    public List<LedgerCheckpoint> page(int page, int size) {
        return jdbc.query("select * from ledger_checkpoint order by tree_size desc limit ? offset ?", this::row,
                size, (long) page * size);
    }

    public long count() {
        return jdbc.queryForObject("select count(*) from ledger_checkpoint", Long.class);
    }

    private LedgerCheckpoint row(ResultSet rs, int n) throws SQLException {
        return new LedgerCheckpoint(signing.origin(), rs.getLong("tree_size"),
                Base64.getEncoder().encodeToString(rs.getBytes("root_hash")), rs.getString("signed_note"),
                SqlTime.instant(rs, "created_at"));
    }
}
