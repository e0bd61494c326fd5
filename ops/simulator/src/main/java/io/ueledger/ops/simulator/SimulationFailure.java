package io.ueledger.ops.simulator;

/** The server answered something a real device would not accept. */
public class SimulationFailure extends RuntimeException {

    public SimulationFailure(String message) {
        super(message);
    }
}
