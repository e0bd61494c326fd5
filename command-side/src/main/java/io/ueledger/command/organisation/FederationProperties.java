package io.ueledger.command.organisation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param enabled whether a first sign-in through the IdP may create the Managed Apple Account */
@ConfigurationProperties("ueledger.idp.federation")
public record FederationProperties(@DefaultValue("false") boolean enabled) {
}
