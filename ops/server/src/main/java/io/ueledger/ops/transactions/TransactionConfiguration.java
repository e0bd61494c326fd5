package io.ueledger.ops.transactions;

import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.transaction.TransactionManagerCustomizers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The one transaction manager of the server (Axon's units of work, the projections and every JDBC
 * call join it): Spring Boot's JDBC transaction manager with the {@link AbortedTransactionGuard}.
 */
@Configuration(proxyBeanMethods = false)
public class TransactionConfiguration {

    @Bean
    public AbortedTransactionGuard transactionManager(DataSource dataSource,
            ObjectProvider<TransactionManagerCustomizers> customizers) {
        AbortedTransactionGuard manager = new AbortedTransactionGuard(dataSource);
        customizers.ifAvailable(c -> c.customize(manager));
        return manager;
    }

    /** Static: a bean post-processor must not wait for this configuration's other beans. */
    @Bean
    public static TokenInitialisationSavepoints tokenInitialisationSavepoints(
            ObjectProvider<PlatformTransactionManager> transactions) {
        return new TokenInitialisationSavepoints(transactions);
    }
}
