package org.distdata.replication.partition;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.distdata.relation.JdbcValues;

/**
 * The checksum of one partition replica's rows at one log index: per table, the row count
 * and a sum of row hashes. A sum is independent of the order Derby returns rows in, yet any
 * changed, missing or extra row changes it. Replicas at the same index must agree exactly.
 */
public record PartitionChecksum(long index, long rows, long checksum) {

    /** Checksums every user table of the partition, inside the caller's connection. */
    static PartitionChecksum of(Connection c, long index) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getTables(null, "APP", null, new String[] {"TABLE"})) {
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME"));
            }
        }
        tables.sort(null);
        long rows = 0;
        long sum = 0;
        for (String table : tables) {
            long tableSum = 0;
            long tableRows = 0;
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT * FROM \"APP\".\"" + table.replace("\"", "\"\"") + "\"")) {
                int[] types = JdbcValues.types(rs.getMetaData());
                while (rs.next()) {
                    long h = 1125899906842597L;
                    for (int i = 0; i < types.length; i++) {
                        Object v = JdbcValues.read(rs, i + 1, types[i]);
                        h = 31 * h + hash(v);
                    }
                    tableSum += mix(h);
                    tableRows++;
                }
            }
            sum = 31 * sum + mix(hash(table) ^ tableSum ^ tableRows);
            rows += tableRows;
        }
        return new PartitionChecksum(index, rows, sum);
    }

    private static long hash(Object v) {
        if (v instanceof byte[] b) {
            return java.util.Arrays.hashCode(b);
        }
        if (v instanceof java.math.BigDecimal d) {
            return d.stripTrailingZeros().hashCode();
        }
        return v == null ? 0x9E3779B97F4A7C15L : Objects.hashCode(v.toString())
                ^ ((long) v.toString().getBytes(StandardCharsets.UTF_8).length << 32);
    }

    /** A 64-bit finalizer, so that summing row hashes does not cancel structured differences. */
    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

}
