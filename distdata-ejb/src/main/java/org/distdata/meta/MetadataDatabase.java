package org.distdata.meta;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.Persistence;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The node's metadata database: catalog, users and cluster settings, stored through JPA
 * (EclipseLink) in an embedded Derby database under the data directory.
 *
 * <p>The persistence unit lives in {@code META-INF/distdata-persistence.xml}, not the standard
 * {@code persistence.xml}, so that the application server does not try to deploy it as a
 * container-managed unit: the node opens it itself, with a JDBC URL known only at runtime,
 * the same way in unit tests and inside Payara.
 */
public final class MetadataDatabase implements AutoCloseable {
    public static final String UNIT = "distdata-meta";

    private final EntityManagerFactory factory;

    private MetadataDatabase(EntityManagerFactory factory) {
        this.factory = factory;
    }

    public static MetadataDatabase open(Path directory) {
        Map<String, Object> props = new HashMap<>();
        props.put("eclipselink.persistencexml", "META-INF/distdata-persistence.xml");
        props.put("jakarta.persistence.jdbc.driver", "org.apache.derby.iapi.jdbc.AutoloadedDriver");
        props.put("jakarta.persistence.jdbc.url", "jdbc:derby:" + directory.toAbsolutePath() + ";create=true");
        props.put("jakarta.persistence.transactionType", "RESOURCE_LOCAL");
        props.put("eclipselink.ddl-generation", "create-or-extend-tables");
        props.put("eclipselink.ddl-generation.output-mode", "database");
        props.put("eclipselink.logging.level", "WARNING");
        props.put("eclipselink.cache.shared.default", "false");
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(MetadataDatabase.class.getClassLoader());
        try {
            EntityManagerFactory emf = Persistence.createEntityManagerFactory(UNIT, props);
            emf.createEntityManager().close(); // deploy now: schema problems show at startup
            return new MetadataDatabase(emf);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    /** Runs {@code work} in one resource-local transaction, committing on success. */
    public <T> T inTransaction(Function<EntityManager, T> work) {
        EntityManager em = factory.createEntityManager();
        EntityTransaction tx = em.getTransaction();
        try {
            tx.begin();
            T result = work.apply(em);
            tx.commit();
            return result;
        } finally {
            if (tx.isActive()) {
                tx.rollback();
            }
            em.close();
        }
    }

    /** Runs a read-only unit of work. */
    public <T> T read(Function<EntityManager, T> work) {
        EntityManager em = factory.createEntityManager();
        try {
            return work.apply(em);
        } finally {
            em.close();
        }
    }

    @Override
    public void close() {
        factory.close();
    }
}
