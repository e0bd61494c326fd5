package io.ueledger.ops.verifier;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** What a verification checked and every problem it found, each naming the file or event concerned. */
final class Verification {

    static final int VERIFIED = 0;
    static final int NOT_VERIFIED = 1;
    static final int CANNOT_RUN = 2;
    static final int VERIFIED_CONSISTENCY_NOT_CHECKED = 3;

    /** One problem: where (file, line, event) and what is wrong, for a person. */
    record Problem(String where, String what) {
        @Override
        public String toString() {
            return where + ": " + what;
        }
    }

    private final List<String> passed = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    private boolean consistencyChecked;

    void passed(String check) {
        passed.add(check);
    }

    void warn(String warning) {
        warnings.add(warning);
    }

    void fail(String where, String what) {
        problems.add(new Problem(where, what));
    }

    /** Consistency with a checkpoint the auditor kept was proven (or the bundle's checkpoint is that one). */
    void consistencyChecked() {
        consistencyChecked = true;
    }

    int exitCode() {
        return !ok() ? NOT_VERIFIED : consistencyChecked ? VERIFIED : VERIFIED_CONSISTENCY_NOT_CHECKED;
    }

    List<Problem> problems() {
        return List.copyOf(problems);
    }

    boolean ok() {
        return problems.isEmpty();
    }

    void print(PrintStream out) {
        passed.forEach(p -> out.println("  [ok]   " + p));
        warnings.forEach(w -> out.println("  [note] " + w));
        problems.forEach(p -> out.println("  [FAIL] " + p));
        out.println();
        if (ok() && consistencyChecked) {
            out.println("VERDICT: VERIFIED. Every check ran and passed: the bundle is what the ledger signed, complete"
                    + " for its enrollments, and the ledger did not rewrite the history you saw before.");
        } else if (ok()) {
            out.println("VERDICT: VERIFIED, consistency not checked (no earlier checkpoint given). Every other check"
                    + " passed; give --previous-checkpoint with a checkpoint you kept to prove the ledger did not fork.");
        } else {
            out.println("VERDICT: NOT VERIFIED. " + problems.size() + " problem(s) found; do not rely on this bundle"
                    + " until each is explained.");
        }
    }
}
