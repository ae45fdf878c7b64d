package org.distdata.transport.message;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.distdata.raft.Entry;
import org.distdata.raft.GroupMessage;
import org.distdata.raft.Membership;
import org.distdata.raft.Message;
import org.distdata.raft.PeerMessage;
import org.distdata.raft.SnapshotMeta;

/**
 * A seeded generator of every catalogue message with awkward contents: extreme numbers,
 * nulls where the type allows them, empty and occasionally large collections, strings from
 * every Unicode plane and SQL values of every supported type. The same seed gives the same
 * messages.
 */
final class RandomMessages {

    private static final long[] EXTREME_LONGS = {0, 1, -1, 127, 128, Long.MIN_VALUE, Long.MAX_VALUE,
            Integer.MIN_VALUE, Integer.MAX_VALUE, 0xFFFF_FFFFL, 1L << 63 >>> 1, -128};
    private static final int[] EXTREME_INTS = {0, 1, -1, 127, 128, Integer.MIN_VALUE, Integer.MAX_VALUE,
            Short.MIN_VALUE, Short.MAX_VALUE, -7, 16384};

    final Random random;

    RandomMessages(long seed) {
        random = new Random(seed);
    }

    Random random() {
        return random;
    }

    Object any() {
        java.util.List<MessageType> types = MessageType.cataloguedTypes();
        return of(types.get(random.nextInt(types.size())));
    }

    Object of(MessageType type) {
        return switch (type) {
            case ERROR_RESPONSE -> new ErrorResponse(string(), string());
            case RAFT_HEARTBEATS -> heartbeats();
            case NODE_HEARTBEAT -> new NodeHeartbeat(anyLong(), anyLong(), anyLong(), anyDouble(), anyLong(),
                    anyLong(), anyLong(), anyInt(), anyInt(), anyInt());
            case JOIN_REQUEST -> joinRequest();
            case JOIN_RESPONSE -> joinResponse();
            case FRAGMENT_REQUEST -> new FragmentRequest(anyLong(), anyInt(), anyInt(), string(),
                    values(size()), anyInt(), anyLong());
            case RESULT_BATCH -> resultBatch();
            case FRAGMENT_ERROR -> new FragmentError(anyLong(), anyInt(), string(), string());
            case CANCEL_FRAGMENT -> new CancelFragment(anyLong(), anyInt());
            case PARTITION_SNAPSHOT_CHUNK -> new PartitionSnapshotChunk(anyInt(), anyLong(), anyLong(),
                    random.nextInt(20) == 0 ? null : bytes(), random.nextBoolean(), anyLong());
            case PARTITION_SNAPSHOT_ACK -> new PartitionSnapshotAck(anyInt(), anyLong(), anyLong());
            case BRANCH_UPDATE -> new BranchUpdate(text(), anyInt(), text(), values(size()), anyLong());
            case BRANCH_UPDATE_BATCH -> new BranchUpdateBatch(text(), anyInt(), text(), rows(random.nextInt(8)),
                    anyLong());
            case UPDATE_COUNT -> new UpdateCount(anyLong());
            case BRANCH_QUERY -> new BranchQuery(text(), anyInt(), text(), values(size()), anyInt(), anyLong());
            case PARTITION_READ -> new PartitionRead(anyInt(), text(), values(size()), anyInt(), anyLong());
            case ROW_BATCH -> rowBatch();
            case BRANCH_COMMIT -> new BranchCommit(text(), anyInt(), random.nextBoolean(), anyLong());
            case BRANCH_ROLLBACK -> new BranchRollback(text(), anyInt(), anyLong());
            case BRANCH_ENDED -> new BranchEnded();
            case SQL_FAILURE -> sqlFailure();
            case ENGINE_FAILURE -> engineFailure();
            case NOT_LEADER -> new NotLeader(anyInt(), anyLong());
            case TXN_PREPARE -> new TxnPrepare(text(), anyInt(), anyInt(), anyLong());
            case TXN_VOTE -> new TxnVote(random.nextBoolean());
            case TXN_DECIDE -> new TxnDecide(text(), anyInt(), random.nextBoolean(), anyLong());
            case TXN_DECISION -> new TxnDecision(random.nextBoolean());
            case TXN_FINISH -> new TxnFinish(text(), anyInt(), random.nextBoolean(), anyLong());
            default -> new PeerMessage.Single(anyLong(), raft(type));
        };
    }

    private Message raft(MessageType type) {
        long from = anyLong();
        long to = anyLong();
        long term = anyLong();
        return switch (type) {
            case RAFT_VOTE_REQUEST -> new Message.VoteRequest(from, to, term, anyLong(), anyLong(),
                    random.nextBoolean(), random.nextBoolean());
            case RAFT_VOTE_RESPONSE -> new Message.VoteResponse(from, to, term, random.nextBoolean(),
                    random.nextBoolean());
            case RAFT_APPEND_REQUEST -> appendRequest(from, to, term);
            case RAFT_APPEND_RESPONSE -> new Message.AppendResponse(from, to, term, random.nextBoolean(), anyLong(),
                    anyLong(), anyLong());
            case RAFT_HEARTBEAT -> new Message.Heartbeat(from, to, term, anyLong(), anyLong());
            case RAFT_HEARTBEAT_RESPONSE -> new Message.HeartbeatResponse(from, to, term, anyLong());
            case RAFT_SNAPSHOT_CHUNK -> new Message.SnapshotChunk(from, to, term, snapshotMeta(), anyLong(),
                    random.nextInt(20) == 0 ? null : bytes(), random.nextBoolean());
            case RAFT_SNAPSHOT_RESPONSE -> new Message.SnapshotResponse(from, to, term, anyLong(), anyLong(),
                    random.nextBoolean());
            case RAFT_TIMEOUT_NOW -> new Message.TimeoutNow(from, to, term);
            default -> throw new IllegalArgumentException(type.name());
        };
    }

    private Message.AppendRequest appendRequest(long from, long to, long term) {
        long prevIndex = anyLong();
        long prevTerm = anyLong();
        boolean wellFormed = random.nextInt(4) != 0;
        int n = size();
        List<Entry> entries = new ArrayList<>(n);
        long index = prevIndex;
        long entryTerm = prevTerm;
        Entry.Kind[] kinds = Entry.Kind.values();
        for (int i = 0; i < n; i++) {
            index = wellFormed ? index + 1 : anyLong();
            entryTerm = wellFormed ? entryTerm + (random.nextInt(10) == 0 ? 1 : 0) : anyLong();
            entries.add(new Entry(entryTerm, index, kinds[random.nextInt(kinds.length)], bytes(64)));
        }
        return new Message.AppendRequest(from, to, term, prevIndex, prevTerm, entries, anyLong());
    }

    private SnapshotMeta snapshotMeta() {
        Set<Long> voters = new HashSet<>();
        Set<Long> learners = new HashSet<>();
        int n = size();
        for (int i = 0; i < n; i++) {
            long node = anyLong();
            if (random.nextInt(3) == 0) {
                if (!voters.contains(node)) {
                    learners.add(node);
                }
            } else if (!learners.contains(node)) {
                voters.add(node);
            }
        }
        return new SnapshotMeta(anyLong(), anyLong(), new Membership(voters, learners));
    }

    private PeerMessage.Heartbeats heartbeats() {
        long from = anyLong();
        long to = anyLong();
        int n = size();
        List<GroupMessage> beats = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Message m = random.nextBoolean() ? new Message.Heartbeat(from, to, anyLong(), anyLong(), anyLong())
                    : new Message.HeartbeatResponse(from, to, anyLong(), anyLong());
            beats.add(new GroupMessage(anyLong(), m));
        }
        return new PeerMessage.Heartbeats(from, to, beats);
    }

    private JoinRequest joinRequest() {
        Set<String> roles = new HashSet<>();
        int n = random.nextInt(10) == 0 ? size() : random.nextInt(3);
        for (int i = 0; i < n; i++) {
            String role = string();
            roles.add(role == null ? "data" : role);
        }
        return new JoinRequest(anyLong(), string(), string(), anyInt(), roles, anyInt());
    }

    private JoinResponse joinResponse() {
        int n = size();
        List<JoinResponse.Member> members = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            members.add(new JoinResponse.Member(anyLong(), string(), string(), anyInt()));
        }
        return new JoinResponse(random.nextBoolean(), string(), string(), members);
    }

    private ResultBatch resultBatch() {
        int width = random.nextInt(8);
        List<ResultBatch.ColumnInfo> columns = new ArrayList<>();
        if (random.nextBoolean()) {
            for (int i = 0; i < width; i++) {
                columns.add(new ResultBatch.ColumnInfo(string(), anyInt()));
            }
        }
        int n = size();
        List<List<Object>> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(values(random.nextInt(50) == 0 ? random.nextInt(20) : width));
        }
        return new ResultBatch(anyLong(), anyInt(), anyInt(), columns, rows, random.nextBoolean());
    }

    private RowBatch rowBatch() {
        int width = random.nextInt(8);
        List<RowBatch.Column> columns = new ArrayList<>();
        if (random.nextBoolean()) {
            for (int i = 0; i < width; i++) {
                columns.add(new RowBatch.Column(text(), text(), text()));
            }
        }
        return new RowBatch(columns, rows(width));
    }

    /** Rows of mostly {@code width} values; now and then one of another width, which a batch allows. */
    private List<List<Object>> rows(int width) {
        int n = size();
        List<List<Object>> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(values(random.nextInt(50) == 0 ? random.nextInt(20) : width));
        }
        return rows;
    }

    private SqlFailure sqlFailure() {
        int n = 1 + random.nextInt(random.nextInt(20) == 0 ? 30 : 3);
        List<SqlFailure.Link> chain = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            chain.add(new SqlFailure.Link(string(), anyInt(), string()));
        }
        return new SqlFailure(chain);
    }

    private EngineFailure engineFailure() {
        Map<String, Object> extensions = new LinkedHashMap<>();
        int n = size();
        for (int i = 0; i < n; i++) {
            extensions.put(text(), sqlValue());
        }
        return new EngineFailure(text(), string(), extensions);
    }

    /** Like {@link #string()}, never null: for fields that must be present. */
    String text() {
        String s = string();
        return s == null ? "" : s;
    }

    List<Object> values(int n) {
        List<Object> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(sqlValue());
        }
        return values;
    }

    /** A value of each supported type in turn, extremes included. */
    Object sqlValue() {
        return switch (random.nextInt(14)) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> anyInt();
            case 3 -> anyLong();
            case 4 -> (short) anyInt();
            case 5 -> anyDouble();
            case 6 -> anyFloat();
            case 7 -> decimal();
            case 8 -> {
                String s = string();
                yield s == null ? "" : s;
            }
            case 9 -> bytes();
            case 10 -> date();
            case 11 -> time();
            case 12 -> LocalDateTime.of(date(), time());
            default -> random.nextBoolean() ? LocalDateTime.MIN : LocalDateTime.MAX;
        };
    }

    private LocalDate date() {
        return switch (random.nextInt(6)) {
            case 0 -> LocalDate.MIN;
            case 1 -> LocalDate.MAX;
            case 2 -> LocalDate.ofEpochDay(0);
            default -> LocalDate.ofEpochDay(random.nextInt(200_000) - 100_000);
        };
    }

    private LocalTime time() {
        return switch (random.nextInt(5)) {
            case 0 -> LocalTime.MIDNIGHT;
            case 1 -> LocalTime.MAX;
            default -> LocalTime.ofNanoOfDay(Math.floorMod(random.nextLong(), 86_400_000_000_000L));
        };
    }

    private BigDecimal decimal() {
        BigInteger unscaled = new BigInteger(random.nextInt(10) == 0 ? 400 : random.nextInt(80), random);
        if (random.nextBoolean()) {
            unscaled = unscaled.negate();
        }
        int scale = random.nextInt(10) == 0 ? anyInt() : random.nextInt(40) - 10;
        return new BigDecimal(unscaled, scale);
    }

    long anyLong() {
        return switch (random.nextInt(5)) {
            case 0 -> EXTREME_LONGS[random.nextInt(EXTREME_LONGS.length)];
            case 1, 2 -> random.nextInt(1000);
            default -> random.nextLong() >> random.nextInt(64);
        };
    }

    int anyInt() {
        return switch (random.nextInt(5)) {
            case 0 -> EXTREME_INTS[random.nextInt(EXTREME_INTS.length)];
            case 1, 2 -> random.nextInt(1000);
            default -> random.nextInt() >> random.nextInt(32);
        };
    }

    private double anyDouble() {
        return switch (random.nextInt(12)) {
            case 0 -> Double.NaN;
            case 1 -> Double.POSITIVE_INFINITY;
            case 2 -> Double.NEGATIVE_INFINITY;
            case 3 -> -0.0;
            case 4 -> Double.MIN_VALUE;
            case 5 -> Double.MAX_VALUE;
            case 6 -> Double.longBitsToDouble(random.nextLong());
            default -> random.nextDouble() * 100 - 10;
        };
    }

    private float anyFloat() {
        return switch (random.nextInt(10)) {
            case 0 -> Float.NaN;
            case 1 -> Float.NEGATIVE_INFINITY;
            case 2 -> -0.0f;
            case 3 -> Float.MAX_VALUE;
            case 4 -> Float.intBitsToFloat(random.nextInt());
            default -> random.nextFloat();
        };
    }

    /** Mostly small; sometimes empty, now and then large. */
    int size() {
        int r = random.nextInt(200);
        if (r < 30) {
            return 0;
        } else if (r < 195) {
            return random.nextInt(8);
        } else if (r < 199) {
            return random.nextInt(200);
        }
        return 500 + random.nextInt(1000);
    }

    byte[] bytes() {
        return bytes(random.nextInt(100) == 0 ? 70_000 : 300);
    }

    private byte[] bytes(int max) {
        byte[] b = new byte[random.nextInt(max + 1)];
        random.nextBytes(b);
        return b;
    }

    /** Null one time in ten; otherwise text from ASCII up to the supplementary planes, now and then long. */
    String string() {
        if (random.nextInt(10) == 0) {
            return null;
        }
        int n = random.nextInt(50) == 0 ? random.nextInt(2000) : random.nextInt(16);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            int cp = switch (random.nextInt(8)) {
                case 0 -> random.nextInt(0x80);
                case 1 -> 0x80 + random.nextInt(0x780);
                case 2 -> 0x800 + random.nextInt(0xD800 - 0x800);
                case 3 -> 0xE000 + random.nextInt(0x2000);
                case 4 -> 0x10000 + random.nextInt(0x100000);
                case 5 -> random.nextBoolean() ? 0 : random.nextBoolean() ? 0xFFFF : 0x10FFFF;
                default -> 'a' + random.nextInt(26);
            };
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }
}
