package org.distdata.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.distdata.it.support.ApiClient;
import org.distdata.it.support.FreePorts;
import org.distdata.it.support.IntegrationPaths;
import org.distdata.it.support.PayaraMicroProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three real Payara Micro processes form one replicated cluster, the launcher's way (static
 * member list, node ids, RF 3, mutual TLS from one cluster CA): a token from n1 works on n2,
 * a table created through n2 takes rows through n3 and answers through n1; the node leading
 * the most partitions is killed with SIGKILL, writes go on through the others, the killed
 * node restarts and catches up, and every replica of every partition agrees. Partition work
 * sent from one node's gateway to another node's leader ran through that node's
 * {@code DataNodeBean} (its call counters in {@code /metrics}).
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class ItReplicatedClusterTest {

    private static final String PASSWORD = "It-cluster-admin-1";

    @Test
    void aTableMadeThroughOneNodeLivesThroughTheLossAndReturnOfItsBusiestLeader() throws Exception {
        Path work = IntegrationPaths.workDir().resolve("cluster-" + System.nanoTime());
        int[] rpc = {FreePorts.any(), FreePorts.any(), FreePorts.any()};
        String members = "1:n1@127.0.0.1:" + rpc[0] + ",2:n2@127.0.0.1:" + rpc[1] + ",3:n3@127.0.0.1:" + rpc[2];
        List<PayaraMicroProcess> nodes = new ArrayList<>(List.of());
        List<CompletableFuture<PayaraMicroProcess>> starting = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            int id = i;
            starting.add(CompletableFuture.supplyAsync(() -> PayaraMicroProcess.start(options(work, id, members, rpc))));
        }
        try {
            for (CompletableFuture<PayaraMicroProcess> f : starting) {
                nodes.add(f.get(10, TimeUnit.MINUTES));
            }
            ApiClient n1 = client(nodes.get(0));
            ApiClient n2 = new ApiClient(nodes.get(1).baseUri());
            ApiClient n3 = new ApiClient(nodes.get(2).baseUri());
            assertThat(n1.login("admin", PASSWORD).status()).isEqualTo(200);
            n2.useTokenOf(n1);
            n3.useTokenOf(n1);

            assertThat(n2.sql("CREATE TABLE kv (k INT PRIMARY KEY, v VARCHAR(40))").status()).isEqualTo(200);
            for (int k = 0; k < 32; k++) {
                assertThat(n3.sql("INSERT INTO kv VALUES (" + k + ", 'before')").status()).isEqualTo(200);
            }
            assertThat(n1.sql("SELECT COUNT(*) FROM kv").json().getJsonArray("rows").getJsonArray(0).getInt(0))
                    .isEqualTo(32);

            int victim = busiestLeader(n1);
            nodes.get(victim - 1).kill();
            ApiClient survivor = victim == 1 ? n2 : n1;
            for (int k = 32; k < 64; k++) {
                ApiClient.Response r = retryWhileUnavailable(survivor, "INSERT INTO kv VALUES (" + k + ", 'after')");
                assertThat(r.status()).as(r.body()).isEqualTo(200);
            }
            nodes.set(victim - 1, PayaraMicroProcess.start(options(work, victim, members, rpc)));
            ApiClient back = client(nodes.get(victim - 1));
            assertThat(back.login("admin", PASSWORD).status()).isEqualTo(200);
            ApiClient.Response count = retryWhileUnavailable(back, "SELECT COUNT(*) FROM kv");
            assertThat(count.json().getJsonArray("rows").getJsonArray(0).getInt(0)).isEqualTo(64);

            ApiClient.Response metrics = survivor.get("metrics"); // n1 may be the node that was killed
            assertThat(metrics.body()).containsPattern("distdata_raft_commits\\S*\\s+[1-9]");

            // writes through one node to partitions led by another entered there through DataNodeBean
            List<String> everyNodesMetrics = new ArrayList<>();
            for (int id = 1; id <= 3; id++) {
                ApiClient node = id == victim ? back : client(nodes.get(id - 1));
                node.useTokenOf(n1);
                everyNodesMetrics.add(node.get("metrics").body());
            }
            assertThat(servedCalls(everyNodesMetrics, "update")).as("statements served to other gateways").isPositive();
            assertThat(servedCalls(everyNodesMetrics, "commit")).as("commits served to other gateways").isPositive();

            ApiClient.Response check = back.post("api/v1/cluster/check", "{}");
            assertThat(check.status()).as(check.body()).isEqualTo(200);
            assertThat(check.json().getBoolean("consistent")).as(check.body()).isTrue();
        } finally {
            for (PayaraMicroProcess n : nodes) {
                n.close();
            }
            for (CompletableFuture<PayaraMicroProcess> f : starting) {
                f.thenAccept(PayaraMicroProcess::close);
            }
        }
    }

    private static PayaraMicroProcess.Options options(Path work, int id, String members, int[] rpc) {
        return PayaraMicroProcess.options("n" + id)
                .workDir(work.resolve("n" + id))
                .adminPassword(PASSWORD)
                .systemProperty("distdata.node.id", Integer.toString(id))
                .systemProperty("distdata.cluster.members", members)
                .systemProperty("distdata.replication.factor", "3")
                .systemProperty("distdata.rpc.port", Integer.toString(rpc[id - 1]))
                .systemProperty("distdata.transport.tls.dir", work.resolve("tls").toString())
                .startTimeout(Duration.ofMinutes(8));
    }

    private static ApiClient client(PayaraMicroProcess node) {
        return new ApiClient(node.baseUri());
    }

    /** The node (1..3) that leads the most partitions, from GET /api/v1/partitions. */
    private static int busiestLeader(ApiClient api) {
        Map<String, Integer> led = new TreeMap<>();
        for (JsonValue v : api.get("api/v1/partitions").jsonArray()) {
            JsonObject p = v.asJsonObject();
            if (!p.isNull("leader")) {
                led.merge(p.getString("leader"), 1, Integer::sum);
            }
        }
        String name = led.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        return Integer.parseInt(name.substring(1));
    }

    /** The partition calls of one kind that DataNodeBean served, summed over the nodes' /metrics. */
    private static double servedCalls(List<String> metrics, String call) {
        Pattern line = Pattern.compile("(?m)^distdata_data_node_calls_total\\{[^}]*call=\"" + call + "\"[^}]*}\\s+(\\S+)");
        double sum = 0;
        for (String body : metrics) {
            Matcher m = line.matcher(body);
            while (m.find()) {
                sum += Double.parseDouble(m.group(1));
            }
        }
        return sum;
    }

    /** Retries a statement answered 503 (no leader yet, node unavailable) for up to a minute. */
    private static ApiClient.Response retryWhileUnavailable(ApiClient api, String sql) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        ApiClient.Response r = api.sql(sql);
        while (r.status() == 503 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            r = api.sql(sql);
        }
        return r;
    }
}
