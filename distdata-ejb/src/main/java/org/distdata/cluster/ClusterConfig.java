package org.distdata.cluster;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Who this node is in the cluster and what the cluster looks like, read from configuration
 * (system properties, env or MicroProfile Config; the launcher passes the first three):
 * <ul>
 * <li>{@code distdata.node.id}: this node's id (default: the member named like this node,
 *     or 1 without a member list);</li>
 * <li>{@code distdata.cluster.members}: the static member list, see {@link ClusterMembers}
 *     (default: this node alone, at {@code distdata.rpc.host}:{@code distdata.rpc.port});</li>
 * <li>{@code distdata.replication.factor}: replicas per partition (default min(3, members));</li>
 * <li>{@code distdata.api.url}: the base URL of this node's HTTP API, as other nodes and
 *     clients should reach it (optional);</li>
 * <li>{@code distdata.failure.suspect.after}, {@code distdata.failure.down.after}: the
 *     failure detector's timeouts, ISO-8601 durations (PT3S, PT10S).</li>
 * </ul>
 * Every inconsistency (an id that is not a member, a member of the same id but another
 * name, a replication factor above the member count) is an error naming the key.
 */
public record ClusterConfig(ClusterMember self, ClusterMembers members, int replicationFactor, Optional<String> apiUrl,
                            Duration suspectAfter, Duration downAfter) {
    public static final String NODE_ID = "distdata.node.id";
    public static final String REPLICATION_FACTOR = "distdata.replication.factor";
    public static final String API_URL = "distdata.api.url";
    public static final String SUSPECT_AFTER = "distdata.failure.suspect.after";
    public static final String DOWN_AFTER = "distdata.failure.down.after";
    public static final int DEFAULT_REPLICATION_FACTOR = 3;

    public ClusterConfig {
        if (members.byId(self.id()).filter(self::equals).isEmpty()) {
            throw new IllegalArgumentException("node " + self.render() + " is not in " + ClusterMembers.CONFIG_KEY
                    + " (" + members.render() + ")");
        }
        if (replicationFactor < 1 || replicationFactor > members.size()) {
            throw new IllegalArgumentException(REPLICATION_FACTOR + " must be between 1 and the number of members ("
                    + members.size() + "), got " + replicationFactor);
        }
        apiUrl = apiUrl.filter(u -> !u.isBlank()).map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u);
        // Checked here as well as in FailureDetector, so a bad value fails at start, naming the keys.
        if (suspectAfter.isNegative() || suspectAfter.isZero() || downAfter.compareTo(suspectAfter) <= 0) {
            throw new IllegalArgumentException(SUSPECT_AFTER + " (" + suspectAfter + ") must be positive and shorter than "
                    + DOWN_AFTER + " (" + downAfter + ")");
        }
    }

    /** Reads the keys above for the node named {@code nodeName}; {@code config} answers one key. */
    public static ClusterConfig read(String nodeName, Function<String, Optional<String>> config) {
        Optional<Long> id = config.apply(NODE_ID).filter(v -> !v.isBlank()).map(v -> number(NODE_ID, v));
        Optional<String> list = config.apply(ClusterMembers.CONFIG_KEY).filter(v -> !v.isBlank());
        ClusterMembers members;
        ClusterMember self;
        if (list.isPresent()) {
            members = ClusterMembers.parse(list.get());
            self = id.map(i -> members.byId(i).orElseThrow(() -> new IllegalArgumentException(
                            NODE_ID + "=" + i + " is not in " + ClusterMembers.CONFIG_KEY + " (" + members.render() + ")")))
                    .or(() -> members.byName(nodeName))
                    .orElseThrow(() -> new IllegalArgumentException("no member named " + nodeName + " in "
                            + ClusterMembers.CONFIG_KEY + " (" + members.render() + "); set " + NODE_ID));
            if (!self.name().equals(nodeName)) {
                throw new IllegalArgumentException(NODE_ID + "=" + self.id() + " is " + self.name() + " in "
                        + ClusterMembers.CONFIG_KEY + ", but this node is named " + nodeName);
            }
        } else {
            String host = config.apply("distdata.rpc.host").filter(v -> !v.isBlank()).orElse("127.0.0.1");
            long port = number(config, "distdata.rpc.port", 7100);
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("distdata.rpc.port must be 1..65535, got " + port);
            }
            self = new ClusterMember(id.orElse(1L), nodeName, host, (int) port);
            members = ClusterMembers.of(List.of(self));
        }
        long rf = number(config, REPLICATION_FACTOR, Math.min(DEFAULT_REPLICATION_FACTOR, members.size()));
        if (rf < 1 || rf > members.size()) {
            throw new IllegalArgumentException(REPLICATION_FACTOR + " must be between 1 and the number of members ("
                    + members.size() + "), got " + rf);
        }
        return new ClusterConfig(self, members, (int) rf, config.apply(API_URL),
                duration(config, SUSPECT_AFTER, FailureDetector.DEFAULT_SUSPECT_AFTER),
                duration(config, DOWN_AFTER, FailureDetector.DEFAULT_DOWN_AFTER));
    }

    private static long number(Function<String, Optional<String>> config, String key, long fallback) {
        return config.apply(key).filter(v -> !v.isBlank()).map(v -> number(key, v)).orElse(fallback);
    }

    private static long number(String key, String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, got '" + value + "'");
        }
    }

    private static Duration duration(Function<String, Optional<String>> config, String key, Duration fallback) {
        Optional<String> value = config.apply(key).filter(v -> !v.isBlank());
        try {
            return value.map(v -> Duration.parse(v.strip())).orElse(fallback);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + " must be an ISO-8601 duration such as PT3S, got '"
                    + value.get() + "'");
        }
    }
}
