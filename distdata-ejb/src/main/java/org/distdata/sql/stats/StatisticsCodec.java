package org.distdata.sql.stats;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.distdata.catalog.entity.StoredStatistics;

/**
 * Turns {@link TableStatistics} into the catalog's {@link StoredStatistics} and back.
 * Smallest and largest values become type-tagged text, {@code <Java type>:<toString()>}
 * (for example {@code BigDecimal:1.50}), which reads back as an equal value of the same
 * class for every type a partition returns for an ordered column. A value of any other type
 * is not kept, and a tag this code does not know reads back as null: statistics only guide
 * the planner, so an unknown bound must not stop a node from starting.
 */
final class StatisticsCodec {

    private static final Map<Class<?>, Function<String, Comparable<?>>> PARSERS = Map.ofEntries(
            Map.entry(Integer.class, Integer::valueOf),
            Map.entry(Long.class, Long::valueOf),
            Map.entry(Short.class, Short::valueOf),
            Map.entry(BigDecimal.class, BigDecimal::new),
            Map.entry(Double.class, Double::valueOf),
            Map.entry(Float.class, Float::valueOf),
            Map.entry(String.class, text -> text),
            Map.entry(LocalDate.class, LocalDate::parse),
            Map.entry(LocalTime.class, LocalTime::parse),
            Map.entry(LocalDateTime.class, LocalDateTime::parse),
            Map.entry(Boolean.class, Boolean::valueOf));

    private StatisticsCodec() {
    }

    static StoredStatistics toStored(TableStatistics statistics, Instant analyzedAt) {
        List<StoredStatistics.Column> columns = new ArrayList<>();
        statistics.columns().forEach((name, c) -> columns.add(new StoredStatistics.Column(name, c.rows(), c.nulls(),
                c.distinct(), c.exactDistinct(), encode(c.min()), encode(c.max()))));
        return new StoredStatistics(statistics.table(), analyzedAt.toEpochMilli(), statistics.rows(),
                Arrays.stream(statistics.rowsPerPartition()).boxed().toList(), columns);
    }

    /** The stored figures, as of {@code catalogVersion} (catalog versions are not persisted). */
    static TableStatistics fromStored(StoredStatistics stored, long catalogVersion) {
        Map<String, ColumnStatistics> columns = new LinkedHashMap<>();
        for (StoredStatistics.Column c : stored.columns()) {
            columns.put(c.name(), new ColumnStatistics(c.rows(), c.nulls(), c.distinct(), c.exactDistinct(),
                    decode(c.min()), decode(c.max())));
        }
        return new TableStatistics(stored.table(), stored.rows(),
                stored.rowsPerPartition().stream().mapToLong(Long::longValue).toArray(), columns, catalogVersion);
    }

    /** {@code value} as tagged text; null for null or a type without a parser. */
    static String encode(Comparable<?> value) {
        if (value == null || !PARSERS.containsKey(value.getClass())) {
            return null;
        }
        return value.getClass().getSimpleName() + ":" + value;
    }

    /** The value {@code text} was encoded from; null for null, an unknown tag or unreadable text. */
    static Comparable<?> decode(String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String tag = text.substring(0, colon);
        for (var parser : PARSERS.entrySet()) {
            if (parser.getKey().getSimpleName().equals(tag)) {
                try {
                    return parser.getValue().apply(text.substring(colon + 1));
                } catch (RuntimeException unreadable) {
                    return null;
                }
            }
        }
        return null;
    }
}
