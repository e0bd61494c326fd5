package io.ueledger.ops.verifier;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** What a verification checked and every problem it found, each naming the file or event concerned. */
final class Verification {

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

    void passed(String check) {
        passed.add(check);
    }

    void warn(String warning) {
        warnings.add(warning);
    }

    void fail(String where, String what) {
        problems.add(new Problem(where, what));
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
        if (ok()) {
            out.println("VERDICT: VERIFIED. Every check passed: the bundle is what the ledger signed.");
        } else {
            out.println("VERDICT: NOT VERIFIED. " + problems.size() + " problem(s) found; do not rely on this bundle"
                    + " until each is explained.");
        }
    }
}
