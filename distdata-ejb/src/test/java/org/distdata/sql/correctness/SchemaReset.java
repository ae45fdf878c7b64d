package org.distdata.sql.correctness;

import org.distdata.catalog.CatalogView;
import org.distdata.sql.SqlEngine;
import org.distdata.sql.SqlStatement;

import java.util.List;

/** Empties a DistData schema between correctness scripts: the script's views, then every table. */
final class SchemaReset {
    private SchemaReset() {
    }

    static boolean dropEverything(SqlEngine engine, CatalogView catalog, List<String> views) {
        for (String view : views) {
            try {
                engine.execute(SqlStatement.of("DROP VIEW " + view));
            } catch (RuntimeException ignored) {
                // the script may have dropped it already
            }
        }
        for (var table : catalog.tables()) {
            try {
                engine.execute(SqlStatement.of("DROP TABLE " + table.name()));
            } catch (RuntimeException e) {
                return false;
            }
        }
        return catalog.tables().isEmpty();
    }
}
