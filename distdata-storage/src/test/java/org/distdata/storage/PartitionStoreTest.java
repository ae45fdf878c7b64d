package org.distdata.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

class PartitionStoreTest {
    @TempDir
    Path dir;

    @Test
    void aSchemaChangeDropsCachedStatementsWhenTheSessionIsNextBorrowedNotWhileItIsIdle() throws Exception {
        try (PartitionSet set = PartitionSet.open(dir, 2)) {
            PartitionStore store = set.store(0);
            PartitionSession session = store.borrow();
            try (Statement ddl = session.connection().createStatement()) {
                ddl.execute("CREATE TABLE t (id INT PRIMARY KEY)");
            }
            PreparedStatement cached = session.prepare("SELECT COUNT(*) FROM t");
            assertThat(session.prepare("SELECT COUNT(*) FROM t")).as("cached while the schema stands").isSameAs(cached);
            session.release();

            set.schemaChanged();
            // the idle session is not touched by the thread that changed the schema
            assertThat(cached.isClosed()).isFalse();

            PartitionSession again = store.borrow();
            assertThat(again).isSameAs(session);
            assertThat(cached.isClosed()).as("dropped as the session is borrowed again").isTrue();
            PreparedStatement fresh = again.prepare("SELECT COUNT(*) FROM t");
            assertThat(fresh).isNotSameAs(cached);
            try (ResultSet rs = fresh.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isZero();
            }
            again.release();
        }
    }
}
