package io.ueledger.command.scep;

/** A SCEP message so broken no signed reply can be made for it (answered 400). */
public class ScepMessageRejected extends RuntimeException {

    public ScepMessageRejected(String message, Throwable cause) {
        super(message, cause);
    }
}
