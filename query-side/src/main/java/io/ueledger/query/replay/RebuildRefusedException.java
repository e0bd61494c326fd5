package io.ueledger.query.replay;

/** A rebuild request naming no view, an unknown view, or one that is never rebuilt. Nothing was reset. */
public class RebuildRefusedException extends RuntimeException {

    public RebuildRefusedException(String message) {
        super(message);
    }
}
