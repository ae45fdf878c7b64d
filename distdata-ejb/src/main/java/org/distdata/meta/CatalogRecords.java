package org.distdata.meta;

import jakarta.persistence.EntityManager;
import org.distdata.catalog.entity.TableDef;
import org.distdata.catalog.entity.TableEntity;
import org.distdata.catalog.entity.TableStatisticsEntity;
import org.distdata.error.ErrorCode;
import org.distdata.meta.MetaCommand.CatalogCommand;
import org.distdata.meta.MetaCommand.StatisticsStored;
import org.distdata.meta.MetaCommand.TableAltered;
import org.distdata.meta.MetaCommand.TableDropped;
import org.distdata.meta.MetaCommand.TableRegistered;
import org.distdata.meta.MetaCommand.ViewCreated;
import org.distdata.meta.MetaCommand.ViewDropped;

/**
 * Writes catalog commands into the metadata database: table rows with their full shape, view
 * rows, and each table's statistics. Decides only from the command and the stored rows, so
 * every node reaches the same result.
 */
final class CatalogRecords {
    private CatalogRecords() {
    }

    static MetaOutcome apply(EntityManager em, CatalogCommand command) {
        if (command instanceof TableRegistered c) {
            return register(em, c.table());
        } else if (command instanceof TableAltered c) {
            return alter(em, c.table());
        } else if (command instanceof TableDropped c) {
            TableEntity row = em.find(TableEntity.class, c.name());
            if (row != null && !row.isView()) {
                em.remove(row);
                removeStatistics(em, c.name());
            }
        } else if (command instanceof ViewCreated c) {
            if (em.find(TableEntity.class, c.name()) != null) {
                return alreadyExists(c.name());
            }
            em.persist(new TableEntity(c.name(), "VIEW", null, false, c.sql(), null));
        } else if (command instanceof ViewDropped c) {
            TableEntity row = em.find(TableEntity.class, c.name());
            if (row != null && row.isView()) {
                em.remove(row);
            }
        } else if (command instanceof StatisticsStored c) {
            TableEntity row = em.find(TableEntity.class, c.statistics().table());
            if (row != null && !row.isView()) {
                removeStatistics(em, c.statistics().table());
                em.persist(TableStatisticsEntity.of(c.statistics()));
            }
        } else {
            throw new IllegalArgumentException("not a catalog command: " + command);
        }
        return MetaOutcome.ACCEPTED;
    }

    private static MetaOutcome register(EntityManager em, TableDef table) {
        if (em.find(TableEntity.class, table.name()) != null) {
            return alreadyExists(table.name());
        }
        em.persist(new TableEntity(table.name(), table.kind().name(), table.distributionColumn(), table.hiddenRowId(),
                null, MetaCodec.encodeTable(table)));
        return MetaOutcome.ACCEPTED;
    }

    private static MetaOutcome alter(EntityManager em, TableDef table) {
        TableEntity row = em.find(TableEntity.class, table.name());
        if (row == null || row.isView()) {
            return MetaOutcome.refused(ErrorCode.SQL_SEMANTIC, "Table '" + table.name() + "' does not exist.");
        }
        row.shape(MetaCodec.encodeTable(table));
        return MetaOutcome.ACCEPTED;
    }

    private static void removeStatistics(EntityManager em, String table) {
        TableStatisticsEntity old = em.find(TableStatisticsEntity.class, table);
        if (old != null) {
            // Deleted and flushed before a new row goes in, rather than merged: the old column
            // rows then go by table name alone, never matched on their CLOB values (which
            // Derby cannot compare).
            em.remove(old);
            em.flush();
        }
    }

    private static MetaOutcome alreadyExists(String name) {
        return MetaOutcome.refused(ErrorCode.SQL_SEMANTIC, "Table/View '" + name + "' already exists in Schema 'APP'.");
    }
}
