package org.distdata.web.api;

import jakarta.ws.rs.Path;
import org.distdata.security.entity.Role;
import org.distdata.web.security.RoleCheckFeature;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Reflection helpers for the endpoint table test. */
final class ResourceRoles {
    private ResourceRoles() {
    }

    /** "none" for @PermitAll, else the weakest role admitted; "nobody" for @DenyAll or no annotation. */
    static String leastRole(Method m) {
        List<String> roles = RoleCheckFeature.requiredRoles(m);
        if (roles == null) {
            return "nobody";
        }
        if (roles.isEmpty()) {
            return "none";
        }
        return roles.stream().map(Role::fromId).min(Comparator.naturalOrder()).orElseThrow().id();
    }

    /** The root resource classes (annotated @Path) compiled into the package of {@code anchor}. */
    static List<Class<?>> resourceClassesIn(Class<?> anchor) {
        try {
            File dir = new File(anchor.getResource(anchor.getSimpleName() + ".class").toURI()).getParentFile();
            List<Class<?>> found = new ArrayList<>();
            for (String name : dir.list((d, n) -> n.endsWith(".class") && !n.contains("$"))) {
                Class<?> c = Class.forName(anchor.getPackageName() + "." + name.substring(0, name.length() - 6));
                if (c.isAnnotationPresent(Path.class)) {
                    found.add(c);
                }
            }
            return found;
        } catch (URISyntaxException | ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
