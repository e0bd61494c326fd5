package io.ueledger.command.organisation;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The organisation this server manages devices for.
 *
 * @param name          shown to device owners and written into profiles (PayloadOrganization)
 * @param domains       the domains of its Managed Apple Accounts; discovery answers only for these
 * @param publicBaseUrl how devices reach this server (HTTPS in production); used to build the
 *                      BaseURL, CheckInURL, ServerURL, SCEP URL and login URL that devices are given
 */
@ConfigurationProperties("ueledger.organisation")
public record OrganisationProperties(
        @DefaultValue("Example Corp") String name,
        @DefaultValue("corp.example") List<String> domains,
        @DefaultValue("http://localhost:8080") URI publicBaseUrl) {

    public OrganisationProperties {
        domains = domains.stream().map(d -> d.trim().toLowerCase(Locale.ROOT)).toList();
    }

    public boolean ownsDomain(String domain) {
        return domain != null && domains.contains(domain.trim().toLowerCase(Locale.ROOT));
    }

    /** An absolute URL under the public base, e.g. {@code url("/mdm/checkin")}. */
    public String url(String path) {
        String base = publicBaseUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }
}
