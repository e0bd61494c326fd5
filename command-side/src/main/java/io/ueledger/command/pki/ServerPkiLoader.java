package io.ueledger.command.pki;

import io.ueledger.command.pki.CertificateMaker.Kind;
import io.ueledger.kernel.installation.InstallationSecrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the configured identities; the others are the installation's, kept in PostgreSQL by
 * {@link InstallationSecrets} so every node uses the same CA and signer: created on the first
 * start of the first node, or imported from the PKI folder where a single node kept them before.
 * Without an {@link InstallationSecrets} (tests of this class) they are kept in the PKI folder.
 */
public class ServerPkiLoader {

    private static final Logger log = LoggerFactory.getLogger(ServerPkiLoader.class);

    static final Duration CA_VALIDITY = Duration.ofDays(3650);
    static final String SIMULATED_CA = "simulated-device-ca";
    static final Duration SIGNER_VALIDITY = Duration.ofDays(825);

    private final PkiProperties properties;
    private final CertificateMaker maker;
    private final String organisation;
    private final InstallationSecrets installation;

    public ServerPkiLoader(PkiProperties properties, CertificateMaker maker, String organisation) {
        this(properties, maker, organisation, null);
    }

    public ServerPkiLoader(PkiProperties properties, CertificateMaker maker, String organisation,
            InstallationSecrets installation) {
        this.properties = properties;
        this.maker = maker;
        this.organisation = organisation.replaceAll("[,=+<>#;\"\\\\]", " ").strip();
        this.installation = installation;
    }

    public ServerPki load() {
        Identity deviceCa = configuredOrStored(properties.deviceCa(), "device-ca",
                () -> maker.selfSignedCa("CN=" + organisation + " Device Identity CA,O=" + organisation,
                        CA_VALIDITY));
        Identity signer = configuredOrStored(properties.profileSigner(), "profile-signer",
                () -> maker.issueWithNewKey(deviceCa, "CN=" + organisation + " Profile Signing,O=" + organisation,
                        Kind.SIGNING, SIGNER_VALIDITY));
        Identity simulated = configuredOrStored(null, SIMULATED_CA,
                () -> maker.selfSignedCa("CN=ue-ledger Simulated Device CA,O=ue-ledger simulator", CA_VALIDITY));
        return new ServerPki(deviceCa, signer, simulated);
    }

    private Identity configuredOrStored(PkiProperties.IdentitySource source, String name, Supplier<Identity> generate) {
        if (source != null && source.isConfigured()) {
            Identity identity = source.load();
            log.info("PKI: {} loaded from configuration ({})", name, identity.certificate().getSubjectX500Principal());
            return identity;
        }
        if (installation != null) {
            return shared(name, generate);
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

    private Identity shared(String name, Supplier<Identity> generate) {
        Path dir = properties.dir();
        Path store = dir.resolve(name + ".p12");
        Identity identity = IdentityFiles.fromPkcs12(installation.obtain("pki/" + name, () -> {
            if (Files.exists(store)) {
                log.info("PKI: importing {} from {} into the installation's keys", name, store.toAbsolutePath());
                return IdentityFiles.toPkcs12(IdentityFiles.readPkcs12(store,
                        IdentityFiles.readPassword(dir.resolve(name + ".password")), null));
            }
            Identity generated = generate.get();
            log.info("PKI: generated {} ({})", name, generated.certificate().getSubjectX500Principal());
            return IdentityFiles.toPkcs12(generated);
        }));
        if (SIMULATED_CA.equals(name) && !Files.exists(store)) {
            // the simulator's enroll command reads it from the PKI folder of whichever node it runs beside
            IdentityFiles.writePkcs12(identity, dir, name);
        }
        return identity;
    }
}
