package org.distdata.sql.route;

/**
 * Where a statement runs: whole on one partition, or in the gateway database with scans
 * reaching out to the partitions.
 */
public record Route(int partition, String reason) {
    public static final int GATEWAY = -1;

    public static Route single(int partition, String reason) {
        return new Route(partition, reason);
    }

    public static Route gateway(String reason) {
        return new Route(GATEWAY, reason);
    }

    public boolean isGateway() {
        return partition == GATEWAY;
    }
}
