package org.distdata.sql;

import org.distdata.catalog.Catalog;
import org.distdata.partition.HashPartitioner;
import org.distdata.partition.PartitionExecutor;
import org.distdata.sql.gateway.GatewayDatabase;
import org.distdata.sql.route.PartitionPruner;
import org.distdata.sql.route.QueryRouter;

/** The parts every statement executor of the engine shares. */
record EngineContext(Catalog catalog, PartitionExecutor partitions, HashPartitioner partitioner,
                     GatewayDatabase gateway, PartitionPruner pruner, QueryRouter router, RowIdAllocator rowIds) {
}
