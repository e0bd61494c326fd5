package io.ueledger.command.enrollment.profile;

import com.dd.plist.NSDictionary;
import io.ueledger.command.pki.CmsSigning;
import io.ueledger.command.pki.ServerPki;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.stereotype.Component;

/**
 * Signs a built profile as CMS SignedData (content attached) with the profile-signing identity,
 * including the signer and CA certificates so the device shows the profile as verified.
 */
@Component
public class EnrollmentProfileSigner {

    private final ServerPki pki;

    public EnrollmentProfileSigner(ServerPki pki) {
        this.pki = pki;
    }

    public SignedProfile sign(NSDictionary profile, String topic) {
        byte[] plist = profile.toXMLPropertyList().getBytes(StandardCharsets.UTF_8);
        byte[] signed = CmsSigning.signAttached(plist, pki.profileSigner());
        return new SignedProfile(signed, profile.get("PayloadIdentifier").toJavaObject().toString(),
                profile.get("PayloadUUID").toJavaObject().toString(), topic, sha256Hex(plist));
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
