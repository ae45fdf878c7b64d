package org.distdata.sql.plan;

import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.SelectItem;
import org.distdata.catalog.SqlNames;
import org.distdata.partition.ColumnDef;

import java.util.ArrayList;
import java.util.List;

/**
 * A query's select list with {@code *} and {@code t.*} expanded to the tables' user columns
 * (never the hidden row id), each item with the name Derby gives its result column: the
 * alias, else the column's name, else its 1-based position.
 */
final class SelectList {

    /** One result column: an expression as written, or an expanded column of a FROM table. */
    record Item(Expression expression, ColumnBinding expanded, String alias, String resultName) {
    }

    private final List<Item> items = new ArrayList<>();

    SelectList(BoundQuery q) {
        for (SelectItem<?> item : q.select().getSelectItems()) {
            Expression e = item.getExpression();
            if (e instanceof AllTableColumns atc) {
                String ref = SqlNames.normalize(atc.getTable().getName());
                q.tables().stream().filter(t -> t.reference().equals(ref)).forEach(t -> expand(t));
            } else if (e instanceof AllColumns) {
                q.tables().forEach(this::expand);
            } else {
                String alias = item.getAlias() == null ? null : item.getAlias().getName();
                String name;
                if (alias != null) {
                    name = SqlNames.normalize(alias);
                } else if (e instanceof Column c && q.binding(c) != null) {
                    name = q.binding(c).column().name();
                } else {
                    name = String.valueOf(items.size() + 1);
                }
                items.add(new Item(e, null, alias, name));
            }
        }
    }

    private void expand(BoundTable t) {
        for (ColumnDef c : t.table().columns()) {
            items.add(new Item(null, new ColumnBinding(t.index(), c), null, c.name()));
        }
    }

    List<Item> items() {
        return items;
    }

    /** Renders each item with {@code renderer}, named as Derby would name it. */
    String render(BoundQuery q, SqlRenderer renderer, boolean keepAliasesAsWritten) {
        List<String> parts = new ArrayList<>();
        for (Item item : items) {
            String text;
            if (item.expanded() != null) {
                Column c = new Column(new net.sf.jsqlparser.schema.Table(
                        SqlNames.quote(q.tables().get(item.expanded().table()).reference())),
                        SqlNames.quote(item.expanded().column().name()));
                q.bindings().put(c, item.expanded());
                text = renderer.render(c);
            } else {
                text = renderer.render(item.expression());
            }
            if (keepAliasesAsWritten && item.alias() != null) {
                parts.add(text + " AS " + item.alias());
            } else {
                parts.add(text + " AS " + SqlNames.quote(item.resultName()));
            }
        }
        return String.join(", ", parts);
    }

    /** The select item an ORDER BY element names (by position, alias or same expression), or -1. */
    int indexOf(OrderByElement o, BoundQuery q) {
        Expression e = o.getExpression();
        if (e instanceof LongValue pos) {
            long p = pos.getValue();
            return p >= 1 && p <= items.size() ? (int) p - 1 : -1;
        }
        if (e instanceof Column c && (c.getTable() == null || c.getTable().getName() == null)) {
            String name = SqlNames.normalize(c.getColumnName());
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).alias() != null && items.get(i).resultName().equals(name)) {
                    return i;
                }
            }
        }
        ColumnBinding b = e instanceof Column c ? q.binding(c) : null;
        String text = e.toString();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            if (b != null && b.equals(item.expanded())) {
                return i;
            }
            if (item.expression() != null) {
                if (text.equals(item.expression().toString())) {
                    return i;
                }
                if (b != null && item.expression() instanceof Column ic && b.equals(q.binding(ic))) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** ASC/DESC and NULLS FIRST/LAST of an ORDER BY element, as SQL text (may be empty). */
    static String direction(OrderByElement o) {
        String s = o.isAsc() ? "" : " DESC";
        if (o.getNullOrdering() != null) {
            s += o.getNullOrdering() == OrderByElement.NullOrdering.NULLS_FIRST ? " NULLS FIRST" : " NULLS LAST";
        }
        return s;
    }
}
