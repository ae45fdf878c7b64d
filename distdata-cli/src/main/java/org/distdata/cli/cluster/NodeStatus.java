package org.distdata.cli.cluster;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One line of {@code status}: a node's name, state, API URL and the partition replicas and
 * leaderships it holds (null when only the process status is known). {@link #merge} joins
 * what the cluster says ({@code GET /api/v1/nodes}) with what the launcher sees of its
 * local processes, and {@link #format} prints the table.
 */
public record NodeStatus(String name, String state, String apiUrl, Integer replicas, Integer leaders) {

    /**
     * The cluster's nodes in its order, each with its API URL or else the launcher's; then
     * the launcher's nodes the cluster did not list, with their process state. A null
     * {@code apiNodes} (the cluster did not answer) gives the launcher's nodes alone.
     */
    public static List<NodeStatus> merge(JsonArray apiNodes, List<NodeStatus> processes) {
        Map<String, NodeStatus> local = new LinkedHashMap<>();
        processes.forEach(p -> local.put(p.name(), p));
        List<NodeStatus> rows = new ArrayList<>();
        if (apiNodes != null) {
            for (JsonValue value : apiNodes) {
                JsonObject n = value.asJsonObject();
                String name = n.getString("name");
                NodeStatus process = local.remove(name);
                String url = !n.containsKey("apiUrl") || n.isNull("apiUrl") ? null : n.getString("apiUrl") + "/api/v1";
                if (url == null && process != null) {
                    url = process.apiUrl();
                }
                rows.add(new NodeStatus(name, n.getString("state"), url, n.getInt("replicas"), n.getInt("leaders")));
            }
        }
        rows.addAll(local.values());
        return rows;
    }

    /** An aligned table with a header; unknown values show as {@code -}. */
    public static String format(List<NodeStatus> rows) {
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[]{"NODE", "STATE", "API", "REPLICAS", "LEADERS"});
        for (NodeStatus r : rows) {
            cells.add(new String[]{r.name(), r.state(), r.apiUrl() == null ? "-" : r.apiUrl(),
                    r.replicas() == null ? "-" : r.replicas().toString(),
                    r.leaders() == null ? "-" : r.leaders().toString()});
        }
        int[] width = new int[5];
        for (String[] row : cells) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : cells) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < 3; i++) {
                line.append(String.format("%-" + width[i] + "s  ", row[i]));
            }
            // Counts are right-aligned, like numbers in the SQL shell's tables.
            line.append(String.format("%" + width[3] + "s  %" + width[4] + "s", row[3], row[4]));
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
