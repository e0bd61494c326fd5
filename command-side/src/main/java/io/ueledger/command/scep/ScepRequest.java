package io.ueledger.command.scep;

import java.security.cert.X509Certificate;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * A decoded and decrypted SCEP PKCSReq.
 *
 * @param transactionId        the client's transaction ID, echoed in the reply
 * @param senderNonce          the client's nonce, echoed as recipientNonce
 * @param requesterCertificate the (usually self-signed) certificate the client signed with; the
 *                             reply is encrypted to it
 * @param csr                  the PKCS#10 request
 */
public record ScepRequest(String transactionId, byte[] senderNonce, X509Certificate requesterCertificate,
        PKCS10CertificationRequest csr) {
}
