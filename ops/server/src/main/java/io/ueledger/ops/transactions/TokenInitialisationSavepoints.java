package io.ueledger.ops.transactions;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Lets two nodes that start at once on a new database both start. Each finds a processor without tokens and
 * inserts its segments; the second insert fails on the primary key, and Axon's coordinator catches that
 * ("this may simply indicate concurrent attempts to initialize"), lets its transaction end and tries again,
 * to find the other node's segments. But PostgreSQL has aborted that transaction, and the
 * {@link AbortedTransactionGuard} rightly refuses to commit it, which Axon does not expect: the node's start
 * failed ({@code TwoNodesBehindHaproxyIT} hung on it once). Initialising a processor's segments now runs in a
 * savepoint of the caller's transaction: a failed insert rolls back to it, and the transaction commits with
 * nothing of the attempt stored. When the segments are then there (PostgreSQL reports the conflicting insert
 * only once the other node's transaction has committed), the other node's initialisation stands and the call
 * returns as if it had been this one's: Axon's processors go on to claim segments at once, instead of logging
 * the failure with a "duplicate key" stack trace and retrying (the tracking ledger processor waits a second).
 * Any other failure is passed on unchanged.
 */
public class TokenInitialisationSavepoints implements BeanPostProcessor {

    private static final Logger log = LoggerFactory.getLogger(TokenInitialisationSavepoints.class);

    private final ObjectProvider<PlatformTransactionManager> transactions;

    public TokenInitialisationSavepoints(ObjectProvider<PlatformTransactionManager> transactions) {
        this.transactions = transactions;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof TokenStore store && !Proxy.isProxyClass(bean.getClass())) {
            return Proxy.newProxyInstance(TokenStore.class.getClassLoader(), new Class<?>[] {TokenStore.class},
                    new InSavepoint(store));
        }
        return bean;
    }

    private final class InSavepoint implements InvocationHandler {

        private final TokenStore store;

        InSavepoint(TokenStore store) {
            this.store = store;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (!method.getName().equals("initializeTokenSegments")) {
                return call(method, args);
            }
            TransactionTemplate savepoint = new TransactionTemplate(transactions.getObject());
            savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
            try {
                return savepoint.execute(status -> {
                    try {
                        return call(method, args);
                    } catch (Throwable failure) {
                        throw new Rethrown(failure);
                    }
                });
            } catch (Rethrown rethrown) {
                String processor = (String) args[0];
                if (store.fetchSegments(processor).length > 0) {
                    log.info("Token segments of {} were initialised by another node at the same time; using those",
                            processor);
                    return null;
                }
                throw rethrown.getCause();
            }
        }

        private Object call(Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(store, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    /** Carries the token store's own exception out of the savepoint's callback unchanged. */
    private static final class Rethrown extends RuntimeException {
        Rethrown(Throwable cause) {
            super(cause);
        }
    }
}
