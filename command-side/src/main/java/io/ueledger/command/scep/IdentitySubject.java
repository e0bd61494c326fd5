package io.ueledger.command.scep;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * The subject a device's identity certificate gets: the organisation and the enrollment it
 * belongs to (a server-made reference, nothing personal). The profile asks the device for exactly
 * this subject and SCEP refuses a CSR with any other.
 */
public record IdentitySubject(String organisation, String enrollmentRef) {

    public String commonName() {
        return "ue-ledger identity " + enrollmentRef;
    }

    public X500Name asX500Name() {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, organisation)
                .addRDN(BCStyle.CN, commonName()).build();
    }
}
