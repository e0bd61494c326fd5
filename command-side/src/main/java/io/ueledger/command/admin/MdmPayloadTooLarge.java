package io.ueledger.command.admin;

/** The uploaded profile is larger than the server accepts: 413, nothing changes. */
public class MdmPayloadTooLarge extends RuntimeException {

    public MdmPayloadTooLarge(String message) {
        super(message);
    }
}
