package io.ueledger.ops.simulator;

import com.dd.plist.NSArray;
import com.dd.plist.NSObject;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/** Reads the SCEP payload's Subject, Apple's array form {@code [[["O","Example Corp"]],[["CN","…"]]]}. */
final class ScepSubject {

    private ScepSubject() {
    }

    static X500Name from(NSObject subject) {
        X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
        for (NSObject rdn : ((NSArray) subject).getArray()) {
            for (NSObject pair : ((NSArray) rdn).getArray()) {
                NSObject[] typeAndValue = ((NSArray) pair).getArray();
                builder.addRDN(BCStyle.INSTANCE.attrNameToOID(typeAndValue[0].toJavaObject().toString()),
                        typeAndValue[1].toJavaObject().toString());
            }
        }
        return builder.build();
    }
}
