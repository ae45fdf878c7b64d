package org.distdata.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.distdata.partition.PartitionService;
import org.distdata.partition.RowCursor;
import org.distdata.partition.TxnBranch;
import org.junit.jupiter.api.Test;

class ServedPartitionsTest {

    private static final TxnBranch BRANCH = new TxnBranch("t1", 2);

    @Test
    void callsReachTheLeadersUntilAnEntryIsInstalledThenEveryCallGoesThroughIt() throws Exception {
        Recorder leaders = new Recorder("leaders");
        Recorder entry = new Recorder("entry");
        List<String> seen = new ArrayList<>();
        leaders.seen = seen;
        entry.seen = seen;
        ServedPartitions served = new ServedPartitions(leaders);

        served.update(BRANCH, "UPDATE t SET v = 1", List.of());
        served.enterThrough(entry);
        served.update(BRANCH, "UPDATE t SET v = 2", List.of());
        served.updateBatch(BRANCH, "INSERT INTO t VALUES (?)", List.of(List.of(1)));
        served.query(BRANCH, "SELECT * FROM t", List.of());
        served.read(2, "SELECT * FROM t", List.of());
        served.commit(BRANCH, true);
        served.rollback(BRANCH);
        served.prepare(BRANCH, 0);
        served.decide("t1", 0, true);
        served.finish(BRANCH, true);

        assertThat(seen).containsExactly("leaders.update", "entry.update", "entry.updateBatch", "entry.query",
                "entry.read", "entry.commit", "entry.rollback", "entry.prepare", "entry.decide", "entry.finish");
    }

    private static final class Recorder implements PartitionService {
        private final String name;
        List<String> seen;

        Recorder(String name) {
            this.name = name;
        }

        @Override
        public long update(TxnBranch branch, String sql, List<Object> params) {
            seen.add(name + ".update");
            return 1;
        }

        @Override
        public long updateBatch(TxnBranch branch, String sql, List<List<Object>> rows) {
            seen.add(name + ".updateBatch");
            return rows.size();
        }

        @Override
        public RowCursor query(TxnBranch branch, String sql, List<Object> params) {
            seen.add(name + ".query");
            return null;
        }

        @Override
        public RowCursor read(int partition, String sql, List<Object> params) {
            seen.add(name + ".read");
            return null;
        }

        @Override
        public void commit(TxnBranch branch, boolean recordOutcome) {
            seen.add(name + ".commit");
        }

        @Override
        public void rollback(TxnBranch branch) {
            seen.add(name + ".rollback");
        }

        @Override
        public boolean prepare(TxnBranch branch, int home) {
            seen.add(name + ".prepare");
            return true;
        }

        @Override
        public boolean decide(String transactionId, int home, boolean commit) {
            seen.add(name + ".decide");
            return commit;
        }

        @Override
        public void finish(TxnBranch branch, boolean commit) {
            seen.add(name + ".finish");
        }
    }
}
