package io.ueledger.ops.limits;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How much an endpoint reads and how many callers it serves at once. The first rule whose path prefix
 * matches applies (so list the specific ones first); a path no rule matches gets {@code defaultMaxBody}.
 *
 * @param rules          per endpoint: path prefix, largest body, callers at once (0: no bound)
 * @param defaultMaxBody largest body of any request no rule names (sign-in forms, OAuth, discovery ...)
 * @param queueWait      how long a request waits for a free slot before it gets 503
 */
@ConfigurationProperties("ueledger.limits")
public record RequestLimitsProperties(List<Rule> rules, @DefaultValue("64KB") DataSize defaultMaxBody,
                                      @DefaultValue("2s") Duration queueWait) {

    public RequestLimitsProperties {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /**
     * @param path        path prefix, e.g. /mdm/checkin
     * @param maxBody     the largest request body this endpoint accepts
     * @param concurrency how many requests it serves at once (0: no bound of its own)
     * @param buffered    true: the body is read here, up to maxBody, before anything else sees it, so an
     *                    over-long chunked body is refused with 413 after maxBody bytes (anonymous endpoints)
     */
    public record Rule(String path, DataSize maxBody, @DefaultValue("0") int concurrency,
                       @DefaultValue("true") boolean buffered) {
    }
}
