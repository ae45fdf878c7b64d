package org.distdata.cli.generate;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * One row of the sample {@code orders} table; the bench uses the same shape. The amount
 * is kept in cents so that it is exact and cheap to format.
 */
public record Order(long id, int customerId, long amountCents, String status, LocalDateTime orderedAt) {

    static final String CSV_HEADER = "id,customer_id,amount,status,ordered_at";

    public BigDecimal amount() {
        return BigDecimal.valueOf(amountCents, 2);
    }

    /** {@code yyyy-MM-dd HH:mm:ss}: the timestamp text Derby and JDBC accept. */
    public String orderedAtText() {
        return Csv.timestamp(orderedAt);
    }

    /** The row as a CSV line without the newline. */
    public String toCsv() {
        StringBuilder line = new StringBuilder(64);
        appendCsv(line);
        return line.toString();
    }

    void appendCsv(StringBuilder line) {
        line.append(id).append(',').append(customerId).append(',');
        Csv.appendCents(line, amountCents);
        line.append(',').append(status).append(',');
        Csv.appendTimestamp(line, orderedAt);
    }
}
