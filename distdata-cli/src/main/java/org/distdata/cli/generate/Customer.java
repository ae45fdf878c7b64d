package org.distdata.cli.generate;

import java.time.LocalDate;

/** One row of the sample {@code customers} table. */
public record Customer(int id, String name, String email, String country, LocalDate created) {

    static final String CSV_HEADER = "id,name,email,country,created";

    /** The row as a CSV line (no newline); names and emails never need quoting, but are quoted if they would. */
    public String toCsv() {
        return id + "," + Csv.field(name) + "," + Csv.field(email) + "," + country + "," + created;
    }
}
