package org.distdata.cli.cluster;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints the answer of {@code POST /api/v1/cluster/check}: one line per partition (verdict,
 * the applied index the replicas were compared at, their checksums, or each replica's
 * checksum or error when they disagree) and a summary line.
 */
public final class CheckReport {
    private CheckReport() {
    }

    /** True when the cluster and every partition say consistent. */
    public static boolean consistent(JsonObject report) {
        return report.getBoolean("consistent", false) && report.getJsonArray("partitions").stream()
                .allMatch(p -> p.asJsonObject().getBoolean("consistent", false));
    }

    public static String format(JsonObject report) {
        JsonArray partitions = report.getJsonArray("partitions");
        int idWidth = 1;
        for (JsonValue p : partitions) {
            idWidth = Math.max(idWidth, Integer.toString(p.asJsonObject().getInt("id")).length());
        }
        StringBuilder out = new StringBuilder();
        List<String> differing = new ArrayList<>();
        for (JsonValue value : partitions) {
            JsonObject p = value.asJsonObject();
            boolean ok = p.getBoolean("consistent", false);
            String applied = p.isNull("appliedIndex") ? "-" : p.getJsonNumber("appliedIndex").toString();
            out.append(String.format("p%-" + idWidth + "d  %-8s  applied %s  %s%n", p.getInt("id"),
                    ok ? "OK" : "MISMATCH", applied, replicas(p.getJsonArray("replicas"), ok)));
            if (!ok) {
                differing.add("p" + p.getInt("id"));
            }
        }
        if (consistent(report)) {
            out.append("Consistent: all ").append(partitions.size()).append(" partitions agree.\n");
        } else {
            out.append("INCONSISTENT: ").append(differing.size()).append(" of ").append(partitions.size())
                    .append(" partitions disagree or could not be checked (").append(String.join(", ", differing))
                    .append(").\n");
        }
        return out.toString();
    }

    /** Agreeing replicas share one checksum, printed once; otherwise each replica's own answer. */
    private static String replicas(JsonArray replicas, boolean agree) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (JsonValue value : replicas) {
            JsonObject r = value.asJsonObject();
            String answer;
            if (r.containsKey("error") && !r.isNull("error")) {
                answer = "ERROR " + r.getString("error");
            } else {
                answer = r.containsKey("checksum") && !r.isNull("checksum") ? r.getString("checksum") : "-";
            }
            answers.put(r.getString("node"), answer);
        }
        if (agree && !answers.isEmpty()) {
            return "checksum " + answers.values().iterator().next() + " on " + String.join(", ", answers.keySet());
        }
        List<String> each = new ArrayList<>();
        answers.forEach((node, answer) -> each.add(node + "=" + answer));
        return each.isEmpty() ? "no replicas" : String.join("  ", each);
    }
}
