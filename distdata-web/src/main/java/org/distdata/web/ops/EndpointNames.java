package org.distdata.web.ops;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names a resource method as {@code METHOD /api/v1/path/{template}} — the endpoint label of
 * metrics and of the authorization table — computed once per method from its annotations.
 */
public final class EndpointNames {
    public static final String BASE = "/api/v1";
    private static final Map<Method, String> CACHE = new ConcurrentHashMap<>();

    private EndpointNames() {
    }

    public static String of(Method m) {
        return CACHE.computeIfAbsent(m, EndpointNames::compute);
    }

    private static String compute(Method m) {
        return httpMethod(m) + " " + path(m);
    }

    public static String path(Method m) {
        StringBuilder p = new StringBuilder(BASE);
        append(p, m.getDeclaringClass().getAnnotation(Path.class));
        append(p, m.getAnnotation(Path.class));
        return p.toString();
    }

    /** The HTTP method of a resource method, or null for a sub-resource locator. */
    public static String httpMethod(Method m) {
        if (m.isAnnotationPresent(GET.class)) {
            return "GET";
        }
        if (m.isAnnotationPresent(POST.class)) {
            return "POST";
        }
        if (m.isAnnotationPresent(PUT.class)) {
            return "PUT";
        }
        if (m.isAnnotationPresent(DELETE.class)) {
            return "DELETE";
        }
        if (m.isAnnotationPresent(PATCH.class)) {
            return "PATCH";
        }
        if (m.isAnnotationPresent(HEAD.class)) {
            return "HEAD";
        }
        if (m.isAnnotationPresent(OPTIONS.class)) {
            return "OPTIONS";
        }
        return null;
    }

    private static void append(StringBuilder p, Path path) {
        if (path == null) {
            return;
        }
        String v = path.value();
        while (v.startsWith("/")) {
            v = v.substring(1);
        }
        while (v.endsWith("/")) {
            v = v.substring(0, v.length() - 1);
        }
        if (!v.isEmpty()) {
            p.append('/').append(v);
        }
    }
}
