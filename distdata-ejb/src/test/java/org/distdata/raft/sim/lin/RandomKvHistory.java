package org.distdata.raft.sim.lin;

import org.distdata.raft.sim.lin.KvOperation.Kind;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * Generates histories that are linearizable by construction, for exercising the checker at
 * scale: clients issue operations one after another with random durations and pauses, each
 * operation takes effect at a random instant inside its interval, and outputs are computed by
 * running a sequential store in the order of those instants. A few writes time out; each of those
 * takes effect at a random time after its call, or never.
 */
final class RandomKvHistory {
    private final Random random;
    private final int keys;

    private record Planned(KvOperation request, long effectAt) {
    }

    private RandomKvHistory(long seed, int keys) {
        this.random = new Random(seed);
        this.keys = keys;
    }

    static List<KvOperation> generate(long seed, int clients, int keys, int operations, int timedOutWrites) {
        return new RandomKvHistory(seed, keys).generate(clients, operations, timedOutWrites);
    }

    private List<KvOperation> generate(int clients, int operations, int timedOutWrites) {
        long[] clock = new long[clients];
        Map<String, String> lastWritten = new HashMap<>();
        List<Planned> planned = new ArrayList<>();
        for (int n = 0; n < operations; n++) {
            int client = earliest(clock);
            long call = clock[client] + random.nextInt(6);
            long ret = call + 1 + random.nextInt(30);
            clock[client] = ret;
            String key = "key" + random.nextInt(keys);
            KvOperation request = request(client, key, "v" + n, lastWritten.get(key), call, ret);
            if (request.kind() != Kind.GET) {
                lastWritten.put(key, request.value());
            }
            // Distinct instants keep the construction's order unambiguous; ties would be fine too.
            planned.add(new Planned(request, (call + random.nextLong(ret - call + 1)) * operations + n));
        }
        for (int t = 0; t < timedOutWrites; t++) {
            int n = random.nextInt(operations);
            Planned p = planned.get(n);
            if (p.request().kind() != Kind.GET && p.request().outcomeKnown()) {
                long effectAt = random.nextBoolean() ? Long.MAX_VALUE : (p.request().call() + random.nextInt(300)) * operations + n;
                planned.set(n, new Planned(p.request().withUnknownOutcome(), effectAt));
            }
        }
        return withOutputs(planned);
    }

    private KvOperation request(int client, String key, String fresh, String recent, long call, long ret) {
        int dice = random.nextInt(100);
        if (dice < 40) {
            return KvOperation.get(client, key, null, call, ret);
        }
        if (dice < 70) {
            return KvOperation.put(client, key, fresh, call, ret);
        }
        if (dice < 85) {
            return KvOperation.append(client, key, "+" + fresh, call, ret);
        }
        return KvOperation.cas(client, key, random.nextInt(4) == 0 ? null : recent, fresh, false, call, ret);
    }

    private static int earliest(long[] clock) {
        int best = 0;
        for (int c = 1; c < clock.length; c++) {
            if (clock[c] < clock[best]) {
                best = c;
            }
        }
        return best;
    }

    /** Runs the sequential store in effect order and fills in what each client saw. */
    private static List<KvOperation> withOutputs(List<Planned> planned) {
        List<Integer> byEffect = new ArrayList<>();
        for (int i = 0; i < planned.size(); i++) {
            byEffect.add(i);
        }
        byEffect.sort(Comparator.comparingLong(i -> planned.get(i).effectAt()));
        Map<String, String> store = new HashMap<>();
        KvOperation[] observed = new KvOperation[planned.size()];
        for (int i : byEffect) {
            Planned p = planned.get(i);
            KvOperation op = p.request();
            observed[i] = op;
            if (p.effectAt() == Long.MAX_VALUE) {
                continue;
            }
            String before = store.get(op.key());
            if (op.outcomeKnown() && op.kind() == Kind.GET) {
                observed[i] = KvOperation.get(op.clientId(), op.key(), before, op.call(), op.ret());
            } else if (op.outcomeKnown() && op.kind() == Kind.CAS) {
                observed[i] = KvOperation.cas(op.clientId(), op.key(), op.expected(), op.value(),
                        Objects.equals(before, op.expected()), op.call(), op.ret());
            }
            store.put(op.key(), KvModel.next(before, op));
        }
        return List.of(observed);
    }
}
