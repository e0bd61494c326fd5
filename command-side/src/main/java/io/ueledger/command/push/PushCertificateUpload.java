package io.ueledger.command.push;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.web.multipart.MultipartFile;

/** Turns the parts of an upload form (API or console) into a checked certificate, or says what is missing. */
public final class PushCertificateUpload {

    private PushCertificateUpload() {
    }

    public static MdmPushCertificate read(MultipartFile pkcs12, String password, MultipartFile certificate,
                                          MultipartFile privateKey) throws IOException {
        boolean hasPkcs12 = pkcs12 != null && !pkcs12.isEmpty();
        boolean hasPem = certificate != null && !certificate.isEmpty();
        if (hasPkcs12 == hasPem) {
            throw new InvalidPushCertificate("send either a PKCS#12 file (pkcs12, with password) or a PEM certificate "
                    + "with its PEM private key (certificate and privateKey)");
        }
        if (pkcs12 != null && pkcs12.getSize() > PushCertificateReader.MAX_BYTES
                || certificate != null && certificate.getSize() > PushCertificateReader.MAX_BYTES
                || privateKey != null && privateKey.getSize() > PushCertificateReader.MAX_BYTES) {
            throw new InvalidPushCertificate("an MDM push certificate is a few KiB; at most "
                    + PushCertificateReader.MAX_BYTES + " bytes per part are accepted");
        }
        if (hasPkcs12) {
            return PushCertificateReader.fromPkcs12(pkcs12.getBytes(), password);
        }
        if (privateKey == null || privateKey.isEmpty()) {
            throw new InvalidPushCertificate("the PEM certificate needs its PEM private key (privateKey)");
        }
        return PushCertificateReader.fromPem(new String(certificate.getBytes(), StandardCharsets.US_ASCII),
                new String(privateKey.getBytes(), StandardCharsets.US_ASCII));
    }
}
