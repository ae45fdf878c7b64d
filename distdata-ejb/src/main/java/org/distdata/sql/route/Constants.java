package org.distdata.sql.route;

import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * Values of expressions that need no evaluation: literals, signed numeric literals and
 * parameter markers. Anything else is "not a constant" and is left to Derby.
 */
public final class Constants {
    /** Marks a constant SQL NULL, distinct from "not a constant". */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "NULL";
        }
    };

    private Constants() {
    }

    /** The value of {@code e}, {@link #NULL} for a NULL literal, or empty when {@code e} is not a constant. */
    public static Optional<Object> value(Expression e, List<Object> params) {
        if (e instanceof ParenthesedExpressionList<?> p && p.size() == 1) {
            return value(p.get(0), params);
        }
        if (e instanceof LongValue l) {
            String text = l.getStringValue();
            try {
                return Optional.of(Long.parseLong(text));
            } catch (NumberFormatException tooBig) {
                return Optional.of(new BigDecimal(text));
            }
        }
        if (e instanceof DoubleValue d) {
            String text = d.toString();
            if (text.indexOf('e') >= 0 || text.indexOf('E') >= 0) {
                return Optional.of(d.getValue());
            }
            return Optional.of(new BigDecimal(text));
        }
        if (e instanceof StringValue s) {
            return s.getPrefix() == null ? Optional.of(s.getValue().replace("''", "'")) : Optional.empty();
        }
        if (e instanceof NullValue) {
            return Optional.of(NULL);
        }
        if (e instanceof JdbcParameter p && p.getIndex() != null && p.getIndex() >= 1 && p.getIndex() <= params.size()) {
            Object v = params.get(p.getIndex() - 1);
            return Optional.of(v == null ? NULL : v);
        }
        if (e instanceof SignedExpression s && s.getSign() == '-') {
            return value(s.getExpression(), params).flatMap(Constants::negate);
        }
        if (e instanceof SignedExpression s && s.getSign() == '+') {
            return value(s.getExpression(), params).filter(v -> v instanceof Number);
        }
        return Optional.empty();
    }

    private static Optional<Object> negate(Object v) {
        if (v instanceof Long l && l != Long.MIN_VALUE) {
            return Optional.of(-l);
        }
        if (v instanceof BigDecimal d) {
            return Optional.of(d.negate());
        }
        if (v instanceof Double d) {
            return Optional.of(-d);
        }
        return Optional.empty();
    }
}
