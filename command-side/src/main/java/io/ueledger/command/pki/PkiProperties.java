package io.ueledger.command.pki;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the server's keys come from (see README, "PKI"). Unset identities are generated on first
 * start into {@code dir} and reloaded from there afterwards: the embedded default.
 *
 * @param dir           folder for generated key stores (and the simulated device CA)
 * @param deviceCa      the CA that issues device identity certificates over SCEP
 * @param profileSigner the identity that signs enrollment profiles
 */
@ConfigurationProperties("ueledger.pki")
public record PkiProperties(
        @DefaultValue("data/pki") Path dir,
        IdentitySource deviceCa,
        IdentitySource profileSigner) {

    /**
     * One configured identity: either a PKCS#12 store ({@code pkcs12} with {@code password} or
     * {@code passwordFile}, optional {@code alias}) or PEM files ({@code certificate}, leaf first
     * then its chain, and an unencrypted {@code privateKey}).
     */
    public record IdentitySource(Path pkcs12, String password, Path passwordFile, String alias, Path certificate,
            Path privateKey) {

        boolean isConfigured() {
            return pkcs12 != null || certificate != null;
        }

        Identity load() {
            if (pkcs12 != null) {
                char[] secret = password != null ? password.toCharArray()
                        : passwordFile != null ? IdentityFiles.readPassword(passwordFile) : new char[0];
                return IdentityFiles.readPkcs12(pkcs12, secret, alias);
            }
            if (privateKey == null) {
                throw new IllegalStateException("a PEM identity needs both 'certificate' and 'private-key' ("
                        + certificate + " has no key configured)");
            }
            return IdentityFiles.readPem(certificate, privateKey);
        }
    }
}
