package io.ueledger.command.admin;

/** No command batch has this id: 404. */
public class UnknownBatch extends RuntimeException {

    public UnknownBatch(String batchId) {
        super("No command batch with id '" + batchId + "'");
    }
}
