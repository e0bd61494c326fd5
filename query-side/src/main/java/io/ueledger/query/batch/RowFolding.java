package io.ueledger.query.batch;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes one processor batch's changes to a table of one row per key (an enrollment) with as few statements as
 * give the same rows as running each change's statement in turn.
 *
 * <p>A key whose first change in the batch creates its row (a rebuild, or a device enrolling) gets one insert of
 * the row as every later change of the batch leaves it: the table folds them exactly as its SQL would apply them.
 * The inserts of a batch go as one JDBC batch. When one of them finds the row already there (a redelivery), that
 * key's changes are sent one statement each after all, in order, so the SQL decides as before. Every other change
 * is sent in order. A rebuild then writes each row once instead of once per event, each version in every index.
 */
public final class RowFolding {

    /**
     * How one table's changes fold into a row.
     *
     * @param <C> one change, as queued by the projection
     * @param <R> a row being folded
     */
    public interface Table<C, R> {

        String keyOf(C change);

        /** A new, mutable row as this change creates it, or null when the change is to an existing row. */
        R created(C change);

        /** Applies the change to a row this batch created, as its SQL would. */
        void apply(R row, C change);

        /** Inserts the rows ("on conflict do nothing") in one JDBC batch: per row, 1 when it was inserted. */
        int[] insert(List<R> rows);

        /** Sends each change as its own statement, in order. */
        void sendInOrder(List<C> changes);
    }

    private RowFolding() {
    }

    public static <C, R> void write(List<C> pending, Table<C, R> table) {
        Map<String, R> folded = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (C change : pending) {
            String key = table.keyOf(change);
            if (seen.add(key)) {
                R created = table.created(change);
                if (created != null) {
                    folded.put(key, created);
                }
            } else if (folded.containsKey(key)) {
                table.apply(folded.get(key), change);
            }
        }
        Set<String> written = new HashSet<>();
        if (!folded.isEmpty()) {
            List<String> keys = new ArrayList<>(folded.keySet());
            int[] counts = table.insert(new ArrayList<>(folded.values()));
            for (int i = 0; i < keys.size(); i++) {
                if (counts[i] == 1) { // inserted as folded: every later change of the batch is in it
                    written.add(keys.get(i));
                }
            }
        }
        List<C> rest = new ArrayList<>(pending.size());
        Set<String> firstSent = new HashSet<>();
        for (C change : pending) {
            String key = table.keyOf(change);
            boolean first = firstSent.add(key);
            if (written.contains(key) || (first && folded.containsKey(key))) {
                continue; // in the folded row, or the folded insert that found the row already there
            }
            rest.add(change);
        }
        if (!rest.isEmpty()) {
            table.sendInOrder(rest);
        }
    }
}
