package io.ueledger.ops.idp;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.ueledger.kernel.installation.InstallationSecrets;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.UUID;

/** The built-in provider's RSA signing key (a JWK), created once for the installation. */
final class BuiltInIdpKey {

    private BuiltInIdpKey() {
    }

    static RSAKey obtain(InstallationSecrets installation) {
        byte[] json = installation.obtain("idp/signing-key", () -> {
            try {
                return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyID(UUID.randomUUID().toString())
                        .generate().toJSONString().getBytes(StandardCharsets.UTF_8);
            } catch (JOSEException e) {
                throw new IllegalStateException("could not generate the built-in provider's signing key", e);
            }
        });
        try {
            return RSAKey.parse(new String(json, StandardCharsets.UTF_8));
        } catch (ParseException e) {
            throw new IllegalStateException("the stored built-in provider key is not a JWK", e);
        }
    }
}
