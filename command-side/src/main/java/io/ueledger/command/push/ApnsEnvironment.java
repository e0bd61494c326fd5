package io.ueledger.command.push;

import com.eatthepath.pushy.apns.ApnsClientBuilder;

/** Which APNs gateway the MDM push certificate talks to. */
public enum ApnsEnvironment {
    PRODUCTION(ApnsClientBuilder.PRODUCTION_APNS_HOST),
    DEVELOPMENT(ApnsClientBuilder.DEVELOPMENT_APNS_HOST);

    private final String host;

    ApnsEnvironment(String host) {
        this.host = host;
    }

    public String host() {
        return host;
    }
}
