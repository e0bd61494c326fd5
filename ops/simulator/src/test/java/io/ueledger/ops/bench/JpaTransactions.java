package io.ueledger.ops.bench;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

/**
 * Resource-local JPA transactions bound to the calling thread: one EntityManager and one database
 * transaction per unit of work, nested calls join the outer one. This is what Spring's
 * JpaTransactionManager does for the server; the benchmark does it by hand because putting
 * spring-orm on the test classpath would switch the integration tests' application to JPA.
 */
final class JpaTransactions implements TransactionManager, EntityManagerProvider {

    private static final Transaction JOINED = new Transaction() {
        @Override
        public void commit() {
            // the outer transaction commits
        }

        @Override
        public void rollback() {
            // the outer transaction rolls back
        }
    };

    private final EntityManagerFactory factory;
    private final ThreadLocal<EntityManager> current = new ThreadLocal<>();

    JpaTransactions(EntityManagerFactory factory) {
        this.factory = factory;
    }

    @Override
    public Transaction startTransaction() {
        if (current.get() != null) {
            return JOINED;
        }
        EntityManager entityManager = factory.createEntityManager();
        EntityTransaction tx = entityManager.getTransaction();
        tx.begin();
        current.set(entityManager);
        return new Transaction() {
            @Override
            public void commit() {
                try {
                    tx.commit();
                } finally {
                    release(entityManager);
                }
            }

            @Override
            public void rollback() {
                try {
                    if (tx.isActive()) {
                        tx.rollback();
                    }
                } finally {
                    release(entityManager);
                }
            }
        };
    }

    @Override
    public EntityManager getEntityManager() {
        EntityManager entityManager = current.get();
        if (entityManager == null) {
            throw new IllegalStateException("JPA storage used outside a transaction");
        }
        return entityManager;
    }

    private void release(EntityManager entityManager) {
        current.remove();
        entityManager.close();
    }
}
