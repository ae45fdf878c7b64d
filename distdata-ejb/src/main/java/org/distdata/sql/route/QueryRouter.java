package org.distdata.sql.route;

import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.util.TablesNamesFinder;
import org.distdata.catalog.Catalog;
import org.distdata.catalog.SqlNames;
import org.distdata.catalog.entity.TableDef;
import org.distdata.sql.classify.ClassifiedStatement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Routes a query: a query whose distributed tables are all pinned to one partition (or that
 * reads only reference tables) runs whole on that partition; anything else runs in the
 * gateway database, which gives Derby's exact semantics for joins, aggregates, sorting and
 * subqueries over data gathered from the partitions.
 */
public final class QueryRouter {
    private static final Set<String> SYSTEM_SCHEMAS = Set.of("SYS", "SYSIBM", "SYSCS_DIAG", "SYSSTAT");

    private static final int MAX_CACHED = 4096;

    private final Catalog catalog;
    private final PartitionPruner pruner;
    private final Map<ClassifiedStatement, Analysis> analyses = new ConcurrentHashMap<>();

    public QueryRouter(Catalog catalog, PartitionPruner pruner) {
        this.catalog = catalog;
        this.pruner = pruner;
    }

    /**
     * Routes {@code statement} with these parameter values. The analysis of the statement's
     * shape is cached per parsed statement and catalog version; only the pinning by
     * parameter values is redone per call.
     */
    public Route route(ClassifiedStatement statement, List<Object> params) {
        long version = catalog.version();
        Analysis analysis = analyses.get(statement);
        if (analysis == null || analysis.catalogVersion() != version) {
            analysis = analyse(statement, version);
            if (analyses.size() > MAX_CACHED) {
                analyses.clear();
            }
            analyses.put(statement, analysis);
        }
        if (analysis.fixed() != null) {
            return analysis.fixed();
        }
        OptionalInt p = pruner.singlePartition(analysis.occurrences(), analysis.predicates(), params);
        return p.isPresent() ? Route.single(p.getAsInt(), "distribution keys pinned to one partition")
                : Route.gateway("spans partitions");
    }

    /** A statement's routing shape: a fixed route, or the tables and predicates that may pin it. */
    private record Analysis(long catalogVersion, Route fixed, List<TableOccurrence> occurrences,
                            List<net.sf.jsqlparser.expression.Expression> predicates) {
    }

    private Analysis analyse(ClassifiedStatement statement, long version) {
        Route fixed = fixedRoute(statement);
        if (fixed != null) {
            return new Analysis(version, fixed, List.of(), List.of());
        }
        PlainSelect select = (PlainSelect) statement.ast();
        List<TableOccurrence> occurrences = new ArrayList<>();
        List<net.sf.jsqlparser.expression.Expression> predicates = new ArrayList<>();
        addOccurrence(select.getFromItem(), occurrences);
        predicates.add(select.getWhere());
        if (select.getJoins() != null) {
            for (Join j : select.getJoins()) {
                addOccurrence(j.getRightItem(), occurrences);
                if (j.getOnExpressions() != null) {
                    predicates.addAll(j.getOnExpressions());
                }
            }
        }
        return new Analysis(version, null, List.copyOf(occurrences), predicates);
    }

    /** The route that does not depend on parameter values, or null when pinning must decide. */
    private Route fixedRoute(ClassifiedStatement statement) {
        Statement ast = statement.ast();
        if (!(ast instanceof PlainSelect select)) {
            return Route.gateway(ast == null ? "not parsed" : "set operation or VALUES");
        }
        Set<String> allNames = namesIn(ast);
        if (allNames == null) {
            return Route.gateway("table names unknown");
        }
        boolean distributedAnywhere = false;
        for (String name : allNames) {
            String stored = storedName(name);
            if (stored == null) {
                if (!isSystemTable(name)) {
                    return Route.gateway("view or unknown table " + name);
                }
            } else if (catalog.find(stored).map(TableDef::isDistributed).orElse(false)) {
                distributedAnywhere = true;
            }
        }
        if (!distributedAnywhere) {
            return Route.single(0, "reference and system tables only");
        }
        if (SqlText.selectKeywords(statement.sql()) > 1) {
            return Route.gateway("subquery over a distributed table");
        }
        List<TableOccurrence> occurrences = new ArrayList<>();
        if (!addOccurrence(select.getFromItem(), occurrences)) {
            return Route.gateway("FROM item is not a table");
        }
        if (select.getJoins() != null) {
            for (Join j : select.getJoins()) {
                if (!addOccurrence(j.getRightItem(), occurrences)) {
                    return Route.gateway("joined item is not a table");
                }
            }
        }
        return null;
    }

    /** The stored catalog name of a table name as written, or null if the catalog has no such table. */
    private String storedName(String written) {
        String name = written;
        int dot = lastDotOutsideQuotes(name);
        if (dot >= 0) {
            String schema = SqlNames.normalize(name.substring(0, dot));
            if (!schema.equals("APP")) {
                return null;
            }
            name = name.substring(dot + 1);
        }
        String stored = SqlNames.normalize(name);
        return catalog.find(stored).isPresent() ? stored : null;
    }

    private static boolean isSystemTable(String written) {
        int dot = lastDotOutsideQuotes(written);
        return dot >= 0 && SYSTEM_SCHEMAS.contains(SqlNames.normalize(written.substring(0, dot)));
    }

    private boolean addOccurrence(FromItem item, List<TableOccurrence> out) {
        if (!(item instanceof Table t)) {
            return false;
        }
        String stored = storedName(t.getFullyQualifiedName());
        if (stored == null) {
            return isSystemTable(t.getFullyQualifiedName());
        }
        String reference = t.getAlias() != null ? SqlNames.normalize(t.getAlias().getName()) : stored;
        out.add(new TableOccurrence(reference, catalog.require(stored)));
        return true;
    }

    private static Set<String> namesIn(Statement ast) {
        try {
            return new TablesNamesFinder().getTables(ast);
        } catch (RuntimeException unsupported) {
            return null;
        }
    }

    private static int lastDotOutsideQuotes(String name) {
        boolean quoted = false;
        int dot = -1;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '.' && !quoted) {
                dot = i;
            }
        }
        return dot;
    }

}
