package io.ueledger.ops.simulator.cli;

/** Why the simulator cannot go on, in one line a person can act on; the command line exits non-zero with it. */
public class CliFailure extends RuntimeException {

    public CliFailure(String reason) {
        super(reason);
    }
}
