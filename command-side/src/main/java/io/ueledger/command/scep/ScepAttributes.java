package io.ueledger.command.scep;

import java.util.Hashtable;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;

/**
 * The SCEP authenticated attributes (RFC 8894 section 3.2.1) and the values used here. Shared by
 * the server and the simulated device, which must agree on them byte for byte.
 */
public final class ScepAttributes {

    private static final ASN1ObjectIdentifier SCEP = new ASN1ObjectIdentifier("2.16.840.1.113733.1.9");
    public static final ASN1ObjectIdentifier MESSAGE_TYPE = SCEP.branch("2");
    public static final ASN1ObjectIdentifier PKI_STATUS = SCEP.branch("3");
    public static final ASN1ObjectIdentifier FAIL_INFO = SCEP.branch("4");
    public static final ASN1ObjectIdentifier SENDER_NONCE = SCEP.branch("5");
    public static final ASN1ObjectIdentifier RECIPIENT_NONCE = SCEP.branch("6");
    public static final ASN1ObjectIdentifier TRANSACTION_ID = SCEP.branch("7");

    public static final String MESSAGE_TYPE_CERT_REP = "3";
    public static final String MESSAGE_TYPE_PKCS_REQ = "19";

    public static final String STATUS_SUCCESS = "0";
    public static final String STATUS_FAILURE = "2";

    /** failInfo values (RFC 8894 section 3.2.1.4). */
    public enum FailInfo {
        BAD_ALG("0"), BAD_MESSAGE_CHECK("1"), BAD_REQUEST("2"), BAD_TIME("3"), BAD_CERT_ID("4");

        public final String code;

        FailInfo(String code) {
            this.code = code;
        }
    }

    private ScepAttributes() {
    }

    public static Attribute attribute(ASN1ObjectIdentifier type, ASN1Encodable value) {
        return new Attribute(type, new DERSet(value));
    }

    public static Hashtable<ASN1ObjectIdentifier, Attribute> table(Attribute... attributes) {
        Hashtable<ASN1ObjectIdentifier, Attribute> table = new Hashtable<>();
        for (Attribute a : attributes) {
            table.put(a.getAttrType(), a);
        }
        return table;
    }

    /** The text of a PrintableString attribute, or null when absent. */
    public static String text(AttributeTable table, ASN1ObjectIdentifier type) {
        Attribute attribute = table == null ? null : table.get(type);
        if (attribute == null || attribute.getAttrValues().size() != 1) {
            return null;
        }
        return ((ASN1String) attribute.getAttrValues().getObjectAt(0)).getString();
    }

    /** The bytes of an OCTET STRING attribute (the nonces), or null when absent. */
    public static byte[] octets(AttributeTable table, ASN1ObjectIdentifier type) {
        Attribute attribute = table == null ? null : table.get(type);
        if (attribute == null || attribute.getAttrValues().size() != 1) {
            return null;
        }
        return ASN1OctetString.getInstance(attribute.getAttrValues().getObjectAt(0)).getOctets();
    }
}
