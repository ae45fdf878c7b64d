package org.distdata.sql.correctness.slt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the sqllogictest corpus. It is not part of the repository: CI copies {@code shared/}
 * beside the clone, so the corpus lives at {@code <repo root>/../shared/sqllogictest}, where
 * the repository root is the parent of the {@code distdata-ejb} module directory. The
 * system property {@code slt.corpus} overrides the location.
 */
public final class SltCorpus {
    private SltCorpus() {
    }

    public static Path expectedLocation() {
        String override = System.getProperty("slt.corpus");
        if (override != null && !override.isBlank()) {
            return Path.of(override).toAbsolutePath().normalize();
        }
        return repoRoot().resolve("../shared/sqllogictest").normalize();
    }

    public static Optional<Path> locate() {
        Path dir = expectedLocation();
        return Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
    }

    /** Every {@code *.test} file under the corpus, in a stable (sorted path) order. */
    public static List<Path> files(Path corpus) {
        try (Stream<Path> paths = Files.walk(corpus)) {
            return paths.filter(p -> p.toString().endsWith(".test")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + corpus, e);
        }
    }

    /** The repository root: Maven's {@code basedir} (the module) or the working directory, then up. */
    static Path repoRoot() {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        if (module.getFileName() != null && module.getFileName().toString().equals("distdata-ejb")) {
            return module.getParent();
        }
        // run from the repository root (e.g. the report main started by hand)
        return Files.isDirectory(module.resolve("distdata-ejb")) ? module : module.getParent();
    }
}
