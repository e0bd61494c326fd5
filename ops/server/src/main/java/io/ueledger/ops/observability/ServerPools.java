package io.ueledger.ops.observability;

import com.zaxxer.hikari.HikariDataSource;
import io.ueledger.ops.limits.RequestLimitsProperties;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * The sizes that bound how much work the server does at once, read from the running objects rather than from
 * configuration text: the database connection pool, Tomcat's request threads and each endpoint's concurrency
 * limit. A load run reports them beside its figures, so a figure always says which sizes it was measured with.
 */
@Component
class ServerPools {

    private final DataSource dataSource;
    private final ApplicationContext context;
    private final RequestLimitsProperties limits;

    ServerPools(DataSource dataSource, ApplicationContext context, RequestLimitsProperties limits) {
        this.dataSource = dataSource;
        this.context = context;
        this.limits = limits;
    }

    /** Name to size, in a stable order; a pool that cannot be read (another pool library, no Tomcat) is left out. */
    Map<String, Integer> sizes() {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        HikariDataSource hikari = hikari();
        if (hikari != null) {
            sizes.put("database connections (max)", hikari.getMaximumPoolSize());
        }
        Integer requestThreads = requestThreads();
        if (requestThreads != null) {
            sizes.put("request threads (max)", requestThreads);
        }
        for (RequestLimitsProperties.Rule rule : limits.rules()) {
            if (rule.concurrency() > 0) {
                sizes.put("requests at once on " + rule.path(), rule.concurrency());
            }
        }
        return sizes;
    }

    private HikariDataSource hikari() {
        try {
            return dataSource.isWrapperFor(HikariDataSource.class) ? dataSource.unwrap(HikariDataSource.class) : null;
        } catch (SQLException e) {
            return null;
        }
    }

    /**
     * Tomcat's own executor (its copy of the JDK's thread pool); null without a Tomcat, as in MOCK web tests, or
     * with another executor (virtual threads have no maximum).
     */
    private Integer requestThreads() {
        if (context instanceof WebServerApplicationContext web && web.getWebServer() instanceof TomcatWebServer tomcat
                && tomcat.getTomcat().getConnector().getProtocolHandler().getExecutor()
                        instanceof ThreadPoolExecutor threads) {
            return threads.getMaximumPoolSize();
        }
        return null;
    }
}
