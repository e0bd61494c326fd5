package io.ueledger.query.replay;

/** No replay with this id was started on this node since it started. */
public class UnknownReplay extends RuntimeException {

    public UnknownReplay(String id) {
        super("no replay with id '" + id + "' was started on this server since it last started");
    }
}
