package org.distdata.node;

import org.distdata.catalog.Catalog;
import org.distdata.catalog.CatalogView;
import org.distdata.load.CsvImporter;
import org.distdata.meta.MetaGroup;
import org.distdata.meta.MetadataDatabase;
import org.distdata.meta.Settings;
import org.distdata.partition.LocalPartitionExecutor;
import org.distdata.partition.PartitionExecutor;
import org.distdata.security.control.AuthService;
import org.distdata.security.control.SecurityConfig;
import org.distdata.security.control.SecurityServices;
import org.distdata.security.control.UserService;
import org.distdata.sql.DistributedSqlEngine;
import org.distdata.sql.SqlEngine;
import org.distdata.storage.PartitionSet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Optional;

/**
 * One DistData node, wired from plain Java parts: its partition stores, its metadata
 * database, the catalog, the SQL engine, the bulk importer and the security services.
 * The container's startup bean opens exactly one; tests open as many as they like.
 */
public final class Node implements AutoCloseable {
    private final NodeConfig config;
    private final MetaGroup meta;
    private final PartitionSet partitions;
    private final Catalog catalog;
    private final DistributedSqlEngine sql;
    private final CsvImporter importer;
    private final SecurityServices security;
    private volatile boolean ready;

    private Node(NodeConfig config, MetaGroup meta, PartitionSet partitions, Catalog catalog,
                 DistributedSqlEngine sql, SecurityServices security) {
        this.config = config;
        this.meta = meta;
        this.partitions = partitions;
        this.catalog = catalog;
        this.sql = sql;
        this.importer = new CsvImporter(sql);
        this.security = security;
    }

    /** Opens (creating on first start) the node's storage under {@code config.dataDir()}. */
    public static Node open(NodeConfig config) {
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + config.dataDir(), e);
        }
        MetadataDatabase metadata = MetadataDatabase.open(config.dataDir().resolve("meta"));
        // A single node applies metadata changes at once. A cluster node wires
        // MetaGroup.replicated(metadata, host::propose, timeout) instead and hosts
        // meta.stateMachine() as group 0, before anything below reads or writes metadata.
        MetaGroup meta = MetaGroup.local(metadata);
        PartitionSet partitions = null;
        try {
            Settings settings = new Settings(meta);
            int p = Integer.parseInt(settings.getOrCreate("partitions", () -> Integer.toString(config.partitions())));
            partitions = PartitionSet.open(config.dataDir().resolve("partitions"), p);
            PartitionExecutor executor = new LocalPartitionExecutor(partitions);
            Catalog catalog = Catalog.load(meta, executor);
            DistributedSqlEngine sql = new DistributedSqlEngine(catalog, executor);
            SecurityServices security = SecurityServices.open(meta,
                    new SecurityConfig(config.adminPassword(), config.tokenTtl(), Clock.systemUTC()));
            Node node = new Node(config, meta, partitions, catalog, sql, security);
            node.ready = true;
            return node;
        } catch (RuntimeException e) {
            if (partitions != null) {
                partitions.close();
            }
            meta.stateMachine().close();
            metadata.close();
            throw e;
        }
    }

    public NodeConfig config() {
        return config;
    }

    public SqlEngine sql() {
        return sql;
    }

    public CatalogView catalog() {
        return catalog;
    }

    public CsvImporter importer() {
        return importer;
    }

    public AuthService auth() {
        return security.auth();
    }

    public UserService users() {
        return security.users();
    }

    /** The admin password generated at this start, present only on the start that created it. */
    public Optional<String> generatedAdminPassword() {
        return security.generatedAdminPassword();
    }

    /** True once storage is open and the node can serve requests. */
    public boolean ready() {
        return ready;
    }

    @Override
    public void close() {
        ready = false;
        try {
            sql.close();
            partitions.close();
        } finally {
            meta.stateMachine().close();
            meta.database().close();
        }
    }
}
