package io.ueledger.ops.simulator.load;

import io.ueledger.command.pki.CertificateMaker;
import io.ueledger.command.pki.CertificateMaker.Kind;
import io.ueledger.command.pki.Identity;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * RSA 2048 keys for the simulated devices (their built-in identity and their SCEP key). A real fleet makes
 * its keys on the devices; here they would be made on the two cores the server runs on, at tens of
 * milliseconds each, and would measure the simulator rather than the server. So a load run makes a pool
 * before the timed phases and hands the keys out in turn. Each device still gets certificates of its own,
 * and the server does the same work for a reused key as for a new one.
 */
public final class DeviceKeys implements Supplier<KeyPair> {

    private final List<KeyPair> pool;
    private final AtomicInteger next = new AtomicInteger();
    private final Duration generation;

    private DeviceKeys(List<KeyPair> pool, Duration generation) {
        this.pool = pool;
        this.generation = generation;
    }

    /** Every call makes a new key, as a real device does. */
    public static DeviceKeys fresh() {
        return new DeviceKeys(List.of(), Duration.ZERO);
    }

    /** Makes {@code size} keys now, timing it. */
    public static DeviceKeys pool(int size) {
        long started = System.nanoTime();
        List<KeyPair> keys = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            keys.add(CertificateMaker.newRsaKeyPair());
        }
        return new DeviceKeys(List.copyOf(keys), Duration.ofNanos(System.nanoTime() - started));
    }

    /** How long making one key took on average (measured for the pool; measured anew for fresh keys). */
    public static Duration timeOneKey(int samples) {
        long started = System.nanoTime();
        for (int i = 0; i < samples; i++) {
            CertificateMaker.newRsaKeyPair();
        }
        return Duration.ofNanos((System.nanoTime() - started) / samples);
    }

    @Override
    public KeyPair get() {
        return pool.isEmpty() ? CertificateMaker.newRsaKeyPair()
                : pool.get(Math.floorMod(next.getAndIncrement(), pool.size()));
    }

    public int poolSize() {
        return pool.size();
    }

    public Duration poolGeneration() {
        return generation;
    }

    /** The device's built-in identity: a certificate of its own from the simulated device CA, for a key of the pool. */
    public Identity deviceIdentity(Identity simulatedDeviceCa, CertificateMaker maker) {
        KeyPair keys = get();
        var certificate = maker.issue(simulatedDeviceCa, new X500Name("CN=Simulated Device " + UUID.randomUUID()),
                keys.getPublic(), Kind.CLIENT_IDENTITY, Duration.ofDays(365));
        List<java.security.cert.X509Certificate> chain = new ArrayList<>();
        chain.add(certificate);
        chain.addAll(simulatedDeviceCa.chain());
        return new Identity(keys.getPrivate(), chain);
    }
}
