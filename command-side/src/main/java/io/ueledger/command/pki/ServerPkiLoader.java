package io.ueledger.command.pki;

import io.ueledger.command.pki.CertificateMaker.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the configured identities, or generates the missing ones into the PKI folder on first
 * start and reloads them from there afterwards, so restarts keep the same CA and devices stay
 * enrolled.
 */
public class ServerPkiLoader {

    private static final Logger log = LoggerFactory.getLogger(ServerPkiLoader.class);

    static final Duration CA_VALIDITY = Duration.ofDays(3650);
    static final Duration SIGNER_VALIDITY = Duration.ofDays(825);

    private final PkiProperties properties;
    private final CertificateMaker maker;
    private final String organisation;

    public ServerPkiLoader(PkiProperties properties, CertificateMaker maker, String organisation) {
        this.properties = properties;
        this.maker = maker;
        this.organisation = organisation.replaceAll("[,=+<>#;\"\\\\]", " ").strip();
    }

    public ServerPki load() {
        Identity deviceCa = configuredOrStored(properties.deviceCa(), "device-ca",
                () -> maker.selfSignedCa("CN=" + organisation + " Device Identity CA,O=" + organisation,
                        CA_VALIDITY));
        Identity signer = configuredOrStored(properties.profileSigner(), "profile-signer",
                () -> maker.issueWithNewKey(deviceCa, "CN=" + organisation + " Profile Signing,O=" + organisation,
                        Kind.SIGNING, SIGNER_VALIDITY));
        Identity simulated = configuredOrStored(null, "simulated-device-ca",
                () -> maker.selfSignedCa("CN=ue-ledger Simulated Device CA,O=ue-ledger simulator", CA_VALIDITY));
        return new ServerPki(deviceCa, signer, simulated);
    }

    private Identity configuredOrStored(PkiProperties.IdentitySource source, String name, Supplier<Identity> generate) {
        if (source != null && source.isConfigured()) {
            Identity identity = source.load();
            log.info("PKI: {} loaded from configuration ({})", name, identity.certificate().getSubjectX500Principal());
            return identity;
        }
        Path dir = properties.dir();
        Path store = dir.resolve(name + ".p12");
        if (Files.exists(store)) {
            return IdentityFiles.readPkcs12(store, IdentityFiles.readPassword(dir.resolve(name + ".password")), null);
        }
        Identity identity = generate.get();
        IdentityFiles.writePkcs12(identity, dir, name);
        log.info("PKI: generated {} ({}) into {}", name, identity.certificate().getSubjectX500Principal(),
                dir.toAbsolutePath());
        return identity;
    }
}
