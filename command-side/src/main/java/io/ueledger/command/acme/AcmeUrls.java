package io.ueledger.command.acme;

import io.ueledger.command.organisation.OrganisationProperties;
import org.springframework.stereotype.Component;

/**
 * The ACME resources' URLs under the public base URL, the same on every node. A JWS names the URL it
 * was made for, and the server compares it with these.
 */
@Component
public class AcmeUrls {

    private final OrganisationProperties organisation;
    private final AcmeProperties properties;

    public AcmeUrls(OrganisationProperties organisation, AcmeProperties properties) {
        this.organisation = organisation;
        this.properties = properties;
    }

    private String url(String tail) {
        return organisation.url(properties.path() + tail);
    }

    public String directory() {
        return url("/directory");
    }

    public String newNonce() {
        return url("/new-nonce");
    }

    public String newAccount() {
        return url("/new-account");
    }

    public String newOrder() {
        return url("/new-order");
    }

    public String account(String id) {
        return url("/account/" + id);
    }

    public String order(String id) {
        return url("/order/" + id);
    }

    public String finalizeOrder(String id) {
        return url("/order/" + id + "/finalize");
    }

    public String authorization(String id) {
        return url("/authz/" + id);
    }

    public String challenge(String orderId, String type) {
        return url("/chall/" + orderId + "/" + type);
    }

    public String certificate(String id) {
        return url("/cert/" + id);
    }
}
