package io.ueledger.command.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A private key with its certificate chain, leaf first. The chain ends with the issuing CA
 * (self-signed for a root), so whoever sends it can include every certificate a verifier needs.
 */
public record Identity(PrivateKey privateKey, List<X509Certificate> chain) {

    public Identity {
        if (privateKey == null || chain == null || chain.isEmpty()) {
            throw new IllegalArgumentException("an identity needs a private key and at least one certificate");
        }
        chain = List.copyOf(chain);
    }

    public X509Certificate certificate() {
        return chain.get(0);
    }
}
