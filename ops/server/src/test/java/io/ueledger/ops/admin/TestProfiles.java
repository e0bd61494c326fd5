package io.ueledger.ops.admin;

import com.dd.plist.NSDictionary;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/** Configuration profiles (.mobileconfig) for the admin command tests, plain or CMS-signed. */
final class TestProfiles {

    private TestProfiles() {
    }

    static Map<String, Object> payload(String type, String identifier, Map<String, Object> keys) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("PayloadType", type);
        payload.put("PayloadIdentifier", identifier);
        payload.put("PayloadUUID", UUID.randomUUID().toString());
        payload.put("PayloadVersion", 1);
        payload.putAll(keys);
        return payload;
    }

    static byte[] profile(String identifier, List<Map<String, Object>> payloads) {
        NSDictionary profile = new NSDictionary();
        profile.put("PayloadType", "Configuration");
        profile.put("PayloadIdentifier", identifier);
        profile.put("PayloadUUID", UUID.randomUUID().toString());
        profile.put("PayloadVersion", 1);
        profile.put("PayloadDisplayName", "Test profile " + identifier);
        profile.put("PayloadContent", new ArrayList<>(payloads));
        return profile.toXMLPropertyList().getBytes(StandardCharsets.UTF_8);
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    static Map<String, Object> passcode(int minLength, boolean requireAlphanumeric) {
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("forcePIN", true);
        keys.put("allowSimple", false);
        keys.put("minLength", minLength);
        if (requireAlphanumeric) {
            keys.put("requireAlphanumeric", true);
        }
        return payload("com.apple.mobiledevice.passwordpolicy", "com.corp.passcode." + UUID.randomUUID(), keys);
    }

    /** The profile wrapped in CMS SignedData with the content inside, as Apple Configurator signs it. */
    static byte[] signed(byte[] content) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            KeyPair keys = generator.generateKeyPair();
            Instant now = Instant.now();
            X500Name name = new X500Name("CN=Profile Signer");
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    new JcaX509v3CertificateBuilder(name, BigInteger.ONE, Date.from(now.minus(1, ChronoUnit.HOURS)),
                            Date.from(now.plus(1, ChronoUnit.DAYS)), name, keys.getPublic())
                            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
            CMSSignedDataGenerator cms = new CMSSignedDataGenerator();
            cms.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()), certificate));
            cms.addCertificates(new JcaCertStore(List.of(certificate)));
            return cms.generate(new CMSProcessableByteArray(content), true).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
