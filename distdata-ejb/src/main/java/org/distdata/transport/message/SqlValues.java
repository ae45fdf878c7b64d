package org.distdata.transport.message;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Equality and copying for lists of SQL values, which may hold nulls and {@code byte[]}:
 * two values are equal when {@link Object#equals} says so or both are byte arrays with the
 * same content. The messages that carry values use it for their {@code equals}.
 */
final class SqlValues {

    private SqlValues() {
    }

    static boolean equal(Object a, Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        return a == null ? b == null : a.equals(b);
    }

    static int hash(Object value) {
        return value instanceof byte[] bytes ? Arrays.hashCode(bytes) : value == null ? 0 : value.hashCode();
    }

    static boolean equalLists(List<?> a, List<?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!equal(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    static int hashList(List<?> values) {
        int h = 1;
        for (Object v : values) {
            h = h * 31 + hash(v);
        }
        return h;
    }

    static boolean equalRows(List<List<Object>> a, List<List<Object>> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!equalLists(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    static int hashRows(List<List<Object>> rows) {
        int h = 1;
        for (List<Object> row : rows) {
            h = h * 31 + hashList(row);
        }
        return h;
    }

    /** An unmodifiable copy that, unlike {@link List#copyOf}, keeps nulls (SQL NULL). */
    static List<Object> copy(List<?> values) {
        return Collections.unmodifiableList(new ArrayList<>(values));
    }

    static List<List<Object>> copyRows(List<? extends List<?>> rows) {
        List<List<Object>> copy = new ArrayList<>(rows.size());
        for (List<?> row : rows) {
            copy.add(copy(row));
        }
        return Collections.unmodifiableList(copy);
    }

    static String describe(List<?> values) {
        StringBuilder sb = new StringBuilder("[");
        for (Object v : values) {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(v instanceof byte[] bytes ? "byte[" + bytes.length + "]" : String.valueOf(v));
        }
        return sb.append(']').toString();
    }
}
