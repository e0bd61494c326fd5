package io.ueledger.command.pki;

import java.security.Provider;
import java.security.Security;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** Registers the BouncyCastle JCA provider once; CMS and PEM code below names it explicitly. */
public final class BouncyCastle {

    public static final String PROVIDER = BouncyCastleProvider.PROVIDER_NAME;

    private BouncyCastle() {
    }

    public static synchronized Provider provider() {
        Provider existing = Security.getProvider(PROVIDER);
        if (existing != null) {
            return existing;
        }
        Provider provider = new BouncyCastleProvider();
        Security.addProvider(provider);
        return provider;
    }
}
