package org.distdata.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The static member list a node starts with, config key {@code distdata.cluster.members}:
 * {@code 1:n1@127.0.0.1:7100,2:n2@127.0.0.1:7101,3:n3@127.0.0.1:7102}, that is
 * {@code id:name@host:rpcPort} per member, comma separated, IPv6 hosts in brackets. Parsing
 * rejects, with the offending entry named, anything that would make two members
 * indistinguishable (a repeated id, name or address) or unreachable (a bad port).
 * Immutable; members keep the order they were listed in.
 */
public final class ClusterMembers {
    /** Config key of the member list. */
    public static final String CONFIG_KEY = "distdata.cluster.members";

    // The same rule as node certificates (a DNS label): the name ends up in a certificate's SAN.
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    private final List<ClusterMember> members;

    private ClusterMembers(List<ClusterMember> members) {
        this.members = List.copyOf(members);
    }

    /** The given members, checked as {@link #parse} checks them (no repeated id, name or address). */
    public static ClusterMembers of(List<ClusterMember> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException(CONFIG_KEY + " lists no member");
        }
        Map<Long, ClusterMember> ids = new HashMap<>();
        Map<String, ClusterMember> names = new HashMap<>();
        Map<String, ClusterMember> addresses = new HashMap<>();
        for (ClusterMember m : members) {
            if (!NAME.matcher(m.name()).matches()) {
                throw new IllegalArgumentException(CONFIG_KEY + ": '" + m.render() + "': node name '" + m.name()
                        + "' must be letters, digits and inner hyphens (at most 63)");
            }
            clash(ids.putIfAbsent(m.id(), m), m, "id " + m.id());
            clash(names.putIfAbsent(m.name(), m), m, "name '" + m.name() + "'");
            clash(addresses.putIfAbsent(m.rpcAddress(), m), m, "address " + m.rpcAddress());
        }
        return new ClusterMembers(members);
    }

    private static void clash(ClusterMember earlier, ClusterMember later, String what) {
        if (earlier != null) {
            throw new IllegalArgumentException(CONFIG_KEY + ": '" + earlier.render() + "' and '" + later.render()
                    + "' have the same " + what);
        }
    }

    /** Parses the config value; a blank value, a malformed entry or a clash is an error naming it. */
    public static ClusterMembers parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(CONFIG_KEY + " is empty; expected id:name@host:port,...");
        }
        String[] entries = text.split(",", -1);
        List<ClusterMember> parsed = new ArrayList<>(entries.length);
        for (int i = 0; i < entries.length; i++) {
            parsed.add(parseEntry(entries[i].strip(), i + 1));
        }
        return of(parsed);
    }

    private static ClusterMember parseEntry(String entry, int position) {
        String where = CONFIG_KEY + ": entry " + position + " ('" + entry + "')";
        int colon = entry.indexOf(':');
        int at = entry.indexOf('@');
        if (entry.isEmpty() || colon < 0 || at < colon) {
            throw new IllegalArgumentException(where + " is not id:name@host:port");
        }
        long id;
        try {
            id = Long.parseLong(entry.substring(0, colon));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": node id '" + entry.substring(0, colon) + "' is not a number");
        }
        if (id < 1) {
            throw new IllegalArgumentException(where + ": node id must be positive");
        }
        String name = entry.substring(colon + 1, at);
        String address = entry.substring(at + 1);
        int portColon = address.lastIndexOf(':');
        if (portColon <= 0) {
            throw new IllegalArgumentException(where + ": address '" + address + "' is not host:port");
        }
        String host = address.substring(0, portColon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException(where + ": an IPv6 host needs brackets, e.g. [::1]:7100");
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException(where + ": the host is empty");
        }
        String portText = address.substring(portColon + 1);
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": port '" + portText + "' is not a number");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(where + ": port " + port + " is outside 1..65535");
        }
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(where + ": node name '" + name
                    + "' must be letters, digits and inner hyphens (at most 63)");
        }
        return new ClusterMember(id, name, host, port);
    }

    /** The config value for these members; {@code parse(render())} gives them back. */
    public String render() {
        return members.stream().map(ClusterMember::render).collect(Collectors.joining(","));
    }

    public List<ClusterMember> members() {
        return members;
    }

    public int size() {
        return members.size();
    }

    /** The member ids in list order. */
    public List<Long> ids() {
        return members.stream().map(ClusterMember::id).toList();
    }

    public Optional<ClusterMember> byId(long id) {
        return members.stream().filter(m -> m.id() == id).findFirst();
    }

    public Optional<ClusterMember> byName(String name) {
        return members.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClusterMembers other && members.equals(other.members);
    }

    @Override
    public int hashCode() {
        return members.hashCode();
    }

    @Override
    public String toString() {
        return render();
    }
}
