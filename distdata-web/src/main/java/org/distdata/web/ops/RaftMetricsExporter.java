package org.distdata.web.ops;

import java.util.Optional;
import java.util.function.ToLongFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.distdata.replication.RaftMetrics;
import org.distdata.replication.boundary.RaftHostBean;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Publishes the Raft host's counters as Prometheus gauges at {@code /metrics}: proposals,
 * commits, elections started, leader changes, snapshots sent, installed and taken, WAL
 * syncs, and the largest apply lag over this node's groups. A node that runs alone has no
 * Raft host; its gauges read 0.
 */
@ApplicationScoped
public class RaftMetricsExporter {

    @Inject
    MetricRegistry registry;

    @Inject
    RaftHostBean raftHost;

    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        gauge("distdata_raft_proposals", "entries proposed by this node's leaders", RaftMetrics::proposals);
        gauge("distdata_raft_commits", "entries committed and handed to the state machines", RaftMetrics::commits);
        gauge("distdata_raft_elections", "elections started by this node's replicas", RaftMetrics::electionsStarted);
        gauge("distdata_raft_leader_changes", "leader changes seen by this node's replicas", RaftMetrics::leaderChanges);
        gauge("distdata_raft_snapshots_sent", "snapshots sent to followers", RaftMetrics::snapshotsSent);
        gauge("distdata_raft_snapshots_installed", "snapshots installed from leaders", RaftMetrics::snapshotsInstalled);
        gauge("distdata_raft_snapshots_taken", "local snapshots the logs were compacted to", RaftMetrics::snapshotsTaken);
        gauge("distdata_raft_wal_syncs", "write-ahead log syncs", RaftMetrics::walSyncs);
        gauge("distdata_raft_apply_lag_max", "largest commit index minus applied index over this node's groups",
                m -> m.applyLag().values().stream().mapToLong(Long::longValue).max().orElse(0));
    }

    private void gauge(String name, String description, ToLongFunction<RaftMetrics> value) {
        registry.gauge(Metadata.builder().withName(name).withDescription(description).build(),
                () -> metrics().map(value::applyAsLong).orElse(0L));
    }

    private Optional<RaftMetrics> metrics() {
        try {
            return raftHost.metrics();
        } catch (RuntimeException e) {
            return Optional.empty(); // starting or stopping
        }
    }
}
