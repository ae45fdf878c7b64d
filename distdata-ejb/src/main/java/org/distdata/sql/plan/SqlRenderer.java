package org.distdata.sql.plan;

import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.util.deparser.ExpressionDeParser;
import net.sf.jsqlparser.util.deparser.SelectDeParser;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders parsed expressions back to Derby SQL for a fragment or the gateway's final stage,
 * letting the caller replace column references and aggregate calls (a final stage reads a
 * gathered relation, not the tables). Every {@code ?} it writes is recorded with the
 * client's parameter number, so the rendered statement binds the right values in its own
 * marker order.
 */
final class SqlRenderer extends ExpressionDeParser {

    /** Replacement text for a column or a function call, or null to render it as written. */
    interface Rewrite {
        String column(Column column);

        default String function(Function function, SqlRenderer renderer) {
            return null;
        }

        /** True when {@link #function} replaces aggregate calls whole, arguments included. */
        default boolean replacesAggregates() {
            return false;
        }
    }

    private final Rewrite rewrite;
    private final List<Integer> parameters;

    SqlRenderer(Rewrite rewrite, List<Integer> parameters) {
        this.rewrite = rewrite;
        this.parameters = parameters;
        setSelectVisitor(new SelectDeParser(this, getBuffer()));
    }

    /** A renderer that writes everything as written, recording parameters into {@code parameters}. */
    static SqlRenderer verbatim(List<Integer> parameters) {
        return new SqlRenderer(c -> null, parameters);
    }

    /**
     * Renders {@code e} and returns its text. Rewritten columns are also renamed in place, so
     * that expression types JSqlParser prints without visiting their parts (TRIM, for one)
     * print the new name too; the planner works on its own copy of the statement's tree.
     */
    String render(Expression e) {
        ExpressionScan scan = ExpressionScan.of(e);
        for (Column c : rewrite.replacesAggregates() ? scan.columnsOutsideAggregates : scan.columns) {
            String text = rewrite.column(c);
            if (text != null) {
                c.setTable(null);
                c.setColumnName(text);
            }
        }
        int start = buffer.length();
        e.accept(this, null);
        String text = buffer.substring(start);
        buffer.setLength(start);
        return text;
    }

    /** Renders each expression and joins them with {@code separator}. */
    String renderAll(List<? extends Expression> expressions, String separator) {
        List<String> parts = new ArrayList<>(expressions.size());
        for (Expression e : expressions) {
            parts.add(render(e));
        }
        return String.join(separator, parts);
    }

    @Override
    public <S> StringBuilder visit(Column column, S context) {
        String text = rewrite.column(column);
        if (text == null) {
            return super.visit(column, context);
        }
        buffer.append(text);
        return buffer;
    }

    @Override
    public <S> StringBuilder visit(Function function, S context) {
        String text = rewrite.function(function, this);
        if (text == null) {
            return super.visit(function, context);
        }
        buffer.append(text);
        return buffer;
    }

    @Override
    public <S> StringBuilder visit(JdbcParameter parameter, S context) {
        parameters.add(parameter.getIndex());
        buffer.append('?');
        return buffer;
    }
}
