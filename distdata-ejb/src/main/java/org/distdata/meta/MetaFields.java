package org.distdata.meta;

import org.distdata.catalog.entity.StoredStatistics;
import org.distdata.catalog.entity.TableDef;
import org.distdata.catalog.entity.TableKind;
import org.distdata.partition.ColumnDef;
import org.distdata.partition.TableShape;
import org.distdata.security.entity.Role;
import org.distdata.transport.codec.FrameDecodingException;
import org.distdata.transport.codec.PayloadReader;
import org.distdata.transport.codec.PayloadWriter;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The composite fields of meta commands — table definitions, statistics, role sets, string
 * lists — written with the transport's field primitives. Every count is checked against the
 * bytes left before anything is allocated (see {@link PayloadReader#readCount}).
 */
final class MetaFields {
    private MetaFields() {
    }

    static void writeTable(PayloadWriter out, TableDef t) {
        out.writeString(t.name());
        out.writeCount(t.kind().ordinal());
        out.writeCount(t.columns().size());
        for (ColumnDef c : t.columns()) {
            out.writeString(c.name());
            out.writeZigZagInt(c.jdbcType());
            out.writeString(c.typeName());
            out.writeZigZagInt(c.size());
            out.writeZigZagInt(c.scale());
            out.writeBoolean(c.nullable());
        }
        writeStrings(out, t.primaryKey());
        out.writeString(t.distributionColumn());
        out.writeBoolean(t.hiddenRowId());
        writeStrings(out, t.indexes());
        out.writeCount(t.uniqueKeys().size());
        for (TableShape.UniqueKey u : t.uniqueKeys()) {
            out.writeString(u.indexName());
            writeStrings(out, u.columns());
        }
    }

    static TableDef readTable(PayloadReader in) throws FrameDecodingException {
        String name = in.readRequiredString("table.name");
        TableKind kind = TableKind.values()[in.readCode("table.kind", TableKind.values().length)];
        int n = in.readCount("table.columns", 6);
        List<ColumnDef> columns = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            columns.add(new ColumnDef(in.readRequiredString("column.name"), in.readZigZagInt("column.jdbcType"),
                    in.readRequiredString("column.typeName"), in.readZigZagInt("column.size"),
                    in.readZigZagInt("column.scale"), in.readBoolean("column.nullable")));
        }
        List<String> primaryKey = readStrings(in, "table.primaryKey");
        String distribution = in.readString("table.distributionColumn");
        boolean hidden = in.readBoolean("table.hiddenRowId");
        List<String> indexes = readStrings(in, "table.indexes");
        int u = in.readCount("table.uniqueKeys", 2);
        List<TableShape.UniqueKey> uniqueKeys = new ArrayList<>(u);
        for (int i = 0; i < u; i++) {
            uniqueKeys.add(new TableShape.UniqueKey(in.readRequiredString("uniqueKey.indexName"),
                    readStrings(in, "uniqueKey.columns")));
        }
        return new TableDef(name, kind, List.copyOf(columns), primaryKey, distribution, hidden, indexes,
                List.copyOf(uniqueKeys));
    }

    static void writeStatistics(PayloadWriter out, StoredStatistics s) {
        out.writeString(s.table());
        out.writeZigZagLong(s.analyzedAtEpochMillis());
        out.writeZigZagLong(s.rows());
        out.writeCount(s.rowsPerPartition().size());
        for (long rows : s.rowsPerPartition()) {
            out.writeZigZagLong(rows);
        }
        out.writeCount(s.columns().size());
        for (StoredStatistics.Column c : s.columns()) {
            out.writeString(c.name());
            out.writeZigZagLong(c.rows());
            out.writeZigZagLong(c.nulls());
            out.writeZigZagLong(c.distinct());
            out.writeBoolean(c.exactDistinct());
            out.writeString(c.min());
            out.writeString(c.max());
        }
    }

    static StoredStatistics readStatistics(PayloadReader in) throws FrameDecodingException {
        String table = in.readRequiredString("statistics.table");
        long at = in.readZigZagLong("statistics.analyzedAt");
        long rows = in.readZigZagLong("statistics.rows");
        int p = in.readCount("statistics.rowsPerPartition", 1);
        List<Long> perPartition = new ArrayList<>(p);
        for (int i = 0; i < p; i++) {
            perPartition.add(in.readZigZagLong("statistics.partitionRows"));
        }
        int n = in.readCount("statistics.columns", 7);
        List<StoredStatistics.Column> columns = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            columns.add(new StoredStatistics.Column(in.readRequiredString("columnStatistics.name"),
                    in.readZigZagLong("columnStatistics.rows"), in.readZigZagLong("columnStatistics.nulls"),
                    in.readZigZagLong("columnStatistics.distinct"), in.readBoolean("columnStatistics.exact"),
                    in.readString("columnStatistics.min"), in.readString("columnStatistics.max")));
        }
        return new StoredStatistics(table, at, rows, perPartition, columns);
    }

    /** A role set as a bit mask of role ordinals (the ordinals also order the role hierarchy, so they never change). */
    static void writeRoles(PayloadWriter out, Set<Role> roles) {
        int mask = 0;
        for (Role r : roles) {
            mask |= 1 << r.ordinal();
        }
        out.writeCount(mask);
    }

    static Set<Role> readRoles(PayloadReader in, String field) throws FrameDecodingException {
        int mask = in.readCode(field, 1 << Role.values().length);
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        for (Role r : Role.values()) {
            if ((mask & (1 << r.ordinal())) != 0) {
                roles.add(r);
            }
        }
        return roles;
    }

    /** Absent, false or true, for the optional fields of an update. */
    static void writeOptionalBoolean(PayloadWriter out, Boolean value) {
        out.writeCount(value == null ? 0 : value ? 2 : 1);
    }

    static Boolean readOptionalBoolean(PayloadReader in, String field) throws FrameDecodingException {
        int code = in.readCode(field, 3);
        return code == 0 ? null : code == 2;
    }

    static void writeStrings(PayloadWriter out, List<String> values) {
        out.writeCount(values.size());
        values.forEach(out::writeString);
    }

    static List<String> readStrings(PayloadReader in, String field) throws FrameDecodingException {
        int n = in.readCount(field, 1);
        List<String> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(in.readRequiredString(field));
        }
        return List.copyOf(values);
    }
}
