package io.ueledger.ops.simulator.load;

/** The load run's own server could not be started; the message says why, in a line a person can act on. */
public class LoadServerUnavailable extends RuntimeException {

    public LoadServerUnavailable(String reason) {
        super(reason);
    }
}
