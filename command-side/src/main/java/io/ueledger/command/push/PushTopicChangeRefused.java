package io.ueledger.command.push;

/** A replacement push certificate with another topic than the one every enrolled device was given. */
public class PushTopicChangeRefused extends InvalidPushCertificate {

    public PushTopicChangeRefused(String message) {
        super(message);
    }
}
