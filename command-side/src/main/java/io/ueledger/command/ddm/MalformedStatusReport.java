package io.ueledger.command.ddm;

/** A status report that is not the JSON the schema describes: a 400, nothing recorded. */
class MalformedStatusReport extends RuntimeException {

    MalformedStatusReport(String message) {
        super(message);
    }
}
