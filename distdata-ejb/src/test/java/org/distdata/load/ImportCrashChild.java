package org.distdata.load;

import org.distdata.node.Node;
import org.distdata.node.NodeConfig;
import org.distdata.sql.SqlStatement;

import java.io.Reader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The process {@link ImportCrashTest} kills: it imports an endless generated CSV into table
 * ITEMS and prints {@code ACK n} after each committed batch, with n the rows committed so far.
 */
public final class ImportCrashChild {
    private ImportCrashChild() {
    }

    public static void main(String[] args) {
        Node node = Node.open(new NodeConfig("crash", Path.of(args[0]), 4, Optional.of("crash-admin-pw"),
                Duration.ofHours(1)));
        node.sql().execute(SqlStatement.of("CREATE TABLE items (id BIGINT PRIMARY KEY, label VARCHAR(40))"));
        System.out.println("READY");
        System.out.flush();
        node.importer().importCsv("items", new GeneratedCsv(), rows -> {
            System.out.println("ACK " + rows);
            System.out.flush();
        });
    }

    /** An endless CSV: header, then rows with ids 1, 2, 3, ... */
    private static final class GeneratedCsv extends Reader {
        private long next = 1;
        private String pending = "id,label\n";
        private int offset;

        @Override
        public int read(char[] buf, int off, int len) {
            int n = 0;
            while (n < len) {
                if (offset == pending.length()) {
                    pending = next + ",item-" + next + "\n";
                    next++;
                    offset = 0;
                }
                int chunk = Math.min(len - n, pending.length() - offset);
                pending.getChars(offset, offset + chunk, buf, off + n);
                offset += chunk;
                n += chunk;
            }
            return n;
        }

        @Override
        public void close() {
        }
    }
}
