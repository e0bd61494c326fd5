package io.ueledger.query.replay;

/** A rebuild request naming no view, an unknown view, or one that is never rebuilt. Nothing was reset. */
public class RebuildRefused extends RuntimeException {

    public RebuildRefused(String message) {
        super(message);
    }
}
