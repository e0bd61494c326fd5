package io.ueledger.ops.simulator.device;

import com.dd.plist.NSDictionary;
import io.ueledger.command.enrollment.request.MachineInfo;
import io.ueledger.command.pki.CertificateMaker;
import io.ueledger.command.pki.CertificateMaker.Kind;
import io.ueledger.command.pki.CmsSigning;
import io.ueledger.command.pki.Identity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * What a device does for its enrollment POST: sign its MachineInfo plist (CMS SignedData, content
 * attached) with its built-in identity, here one issued by the simulated device CA.
 */
public final class DeviceRequestSigner {

    private DeviceRequestSigner() {
    }

    /** A fresh device identity from the simulated device CA, as Apple's CA gives each real device. */
    public static Identity newDeviceIdentity(Identity simulatedDeviceCa, CertificateMaker maker) {
        return maker.issueWithNewKey(simulatedDeviceCa, "CN=Simulated Device " + UUID.randomUUID(),
                Kind.CLIENT_IDENTITY, Duration.ofDays(365));
    }

    public static byte[] sign(MachineInfo info, Identity device) {
        return signPlist(plist(info), device);
    }

    /** Signed at the device's own time (a simulated device on a test clock). */
    public static byte[] sign(MachineInfo info, Identity device, java.time.Instant signingTime) {
        return CmsSigning.signAttached(plist(info).toXMLPropertyList().getBytes(StandardCharsets.UTF_8), device,
                signingTime);
    }

    /** Signs any plist: lets tests send what a real device never would (e.g. a UDID). */
    public static byte[] signPlist(NSDictionary plist, Identity device) {
        return CmsSigning.signAttached(plist.toXMLPropertyList().getBytes(StandardCharsets.UTF_8), device);
    }

    public static NSDictionary plist(MachineInfo info) {
        NSDictionary dictionary = new NSDictionary();
        putIfPresent(dictionary, "LANGUAGE", info.language());
        putIfPresent(dictionary, "PRODUCT", info.product());
        putIfPresent(dictionary, "VERSION", info.version());
        putIfPresent(dictionary, "OS_VERSION", info.osVersion());
        putIfPresent(dictionary, "SUPPLEMENTAL_BUILD_VERSION", info.supplementalBuildVersion());
        putIfPresent(dictionary, "SUPPLEMENTAL_OS_VERSION_EXTRA", info.supplementalOsVersionExtra());
        return dictionary;
    }

    private static void putIfPresent(NSDictionary dictionary, String key, String value) {
        if (value != null) {
            dictionary.put(key, value);
        }
    }
}
