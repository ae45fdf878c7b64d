package org.distdata;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.LocationProvider;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.distdata.node.Node;

import java.util.List;
import java.util.Set;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Dependencies point downward (STYLE.md): no package of the engine may depend, directly or
 * through others, on a package that depends on it. Checked at three grains over the
 * production classes: every package on its own, the engine's components (its top-level
 * packages), and the layers of the SQL engine. Why each package sits where it does: ADR 0014.
 */
@AnalyzeClasses(locations = ArchitectureTest.EngineClasses.class)
class ArchitectureTest {
    private static final String ROOT = "org.distdata.";

    /**
     * The entity packages that the meta state machine stores, and so sit below it, while the
     * rest of their component (the Catalog, the security services) follows the meta log from
     * above: each counts as a component of its own. Any other entity package counts with its
     * component.
     */
    private static final List<String> ENTITIES_STORED_BY_META =
            List.of("org.distdata.catalog.entity", "org.distdata.security.entity");

    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().matching("org.distdata.(**)")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule componentsAreFreeOfCycles = slices().assignedFrom(new Components())
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule sqlEngineLayersAreFreeOfCycles = slices().assignedFrom(new SqlLayers())
            .should().beFreeOfCycles();

    /**
     * The top-level packages under org.distdata, with the entity packages stored by meta apart:
     * counted inside their components, catalog and security would each form a cycle with meta
     * by construction (entity below meta, control above it) although no package does. The
     * {@code *.boundary} packages (the EJBs, ADR 0012) form one layer above every component:
     * they reach the node's parts through the node bean, which owns the node.
     */
    static final class Components implements SliceAssignment {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String pkg = javaClass.getPackageName();
            if (!pkg.startsWith(ROOT)) {
                return SliceIdentifier.ignore();
            }
            if (ENTITIES_STORED_BY_META.stream().anyMatch(e -> pkg.equals(e) || pkg.startsWith(e + "."))) {
                return SliceIdentifier.of(pkg.substring(ROOT.length()));
            }
            if (pkg.endsWith(".boundary")) {
                return SliceIdentifier.of("boundary"); // the container's beans: one layer on top of all
            }
            return SliceIdentifier.of(pkg.substring(ROOT.length()).split("\\.")[0]);
        }

        @Override
        public String getDescription() {
            return "components of org.distdata (top-level packages; " + ENTITIES_STORED_BY_META
                    + " each apart, below the meta state machine that stores them; the boundary packages as one "
                    + "layer on top)";
        }
    }

    /** org.distdata.sql itself (the engine's executors) and each of its subpackages. */
    static final class SqlLayers implements SliceAssignment {
        private static final String SQL = "org.distdata.sql";

        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String pkg = javaClass.getPackageName();
            if (pkg.equals(SQL)) {
                return SliceIdentifier.of("sql");
            }
            if (pkg.startsWith(SQL + ".")) {
                return SliceIdentifier.of("sql." + pkg.substring(SQL.length() + 1).split("\\.")[0]);
            }
            return SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "layers of the SQL engine (org.distdata.sql and each of its subpackages)";
        }
    }

    /**
     * The production classes of this module, wherever Maven put them (a directory or a jar):
     * tests may reach across packages as they like, and scanning the whole class path for
     * org.distdata would read every library jar.
     */
    static final class EngineClasses implements LocationProvider {
        @Override
        public Set<Location> get(Class<?> testClass) {
            return Set.of(Location.of(Node.class.getProtectionDomain().getCodeSource().getLocation()));
        }
    }
}
