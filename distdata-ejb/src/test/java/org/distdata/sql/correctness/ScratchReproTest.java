package org.distdata.sql.correctness;

import org.distdata.sql.SqlEngine;
import org.distdata.sql.SqlStatement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

/** TEMPORARY scratch: runs statements from -Drepro.file on both engines and prints the answers. */
class ScratchReproTest {
    @TempDir
    Path dir;

    @Test
    void run() throws Exception {
        String file = System.getProperty("repro.file");
        if (file == null) {
            return;
        }
        try (DistDataNodeEngine dd = DistDataNodeEngine.open(dir, "repro"); DerbyOracle derby = new DerbyOracle()) {
            for (String sql : Files.readString(Path.of(file)).split(";\n")) {
                if (sql.isBlank()) {
                    continue;
                }
                System.out.println("SQL> " + sql.strip());
                System.out.println("  derby:    " + answer(derby, sql.strip()));
                System.out.println("  distdata: " + answer(dd, sql.strip()));
            }
        }
    }

    private static String answer(SqlEngine engine, String sql) {
        try {
            var r = engine.execute(SqlStatement.of(sql));
            return r.updateCount() != null ? "updateCount " + r.updateCount() : r.columns() + " " + r.rows();
        } catch (RuntimeException e) {
            return "ERROR " + e;
        }
    }
}
