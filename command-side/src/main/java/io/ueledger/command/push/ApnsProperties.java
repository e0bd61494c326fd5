package io.ueledger.command.push;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * APNs settings ({@code ueledger.apns.*}).
 *
 * @param certificate              the organisation's MDM push certificate with its key, a PKCS#12 file
 *                                 from Apple's Push Certificates Portal, imported into the database at
 *                                 start; it can also be uploaded (admin API, console). Neither means
 *                                 pushes are disabled
 * @param password                 the PKCS#12 password
 * @param environment              production or development gateway
 * @param host                     overrides the gateway host (tests point it at a mock APNs server)
 * @param port                     overrides the gateway port
 * @param trustedServerCertificate PEM file of the certificate(s) to trust for the gateway instead of the
 *                                 JVM's trust store; only for a mock server in tests
 * @param coalesceWindow           commands queued for one channel within this window give one push
 * @param sendTimeout              how long to wait for APNs to answer a push
 * @param reloadInterval           how often a node looks for a push certificate another node stored
 * @param expiryWarning            how long before the push certificate expires the health page and
 *                                 the console warn
 */
@ConfigurationProperties("ueledger.apns")
public record ApnsProperties(
        Path certificate,
        String password,
        @DefaultValue("production") ApnsEnvironment environment,
        String host,
        Integer port,
        Path trustedServerCertificate,
        @DefaultValue("500ms") Duration coalesceWindow,
        @DefaultValue("10s") Duration sendTimeout,
        @DefaultValue("10s") Duration reloadInterval,
        @DefaultValue("30d") Duration expiryWarning) {

    public boolean certificateConfigured() {
        return certificate != null && !certificate.toString().isBlank();
    }

    public String effectiveHost() {
        return host == null || host.isBlank() ? environment.host() : host;
    }

    public int effectivePort() {
        return port == null ? com.eatthepath.pushy.apns.ApnsClientBuilder.DEFAULT_APNS_PORT : port;
    }
}
