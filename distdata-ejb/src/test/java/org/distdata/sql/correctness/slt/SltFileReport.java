package org.distdata.sql.correctness.slt;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One script run on both engines: how many records ran, how many each engine passed, and
 * the regressions — records Derby passes and DistData fails, which must not exist.
 */
public record SltFileReport(String name, SltFileResult derby, SltFileResult distData) {

    public int records() {
        return derby.run();
    }

    /** Descriptions of every record Derby passes and DistData fails, with DistData's reason. */
    public List<String> regressions() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < derby.outcomes().size(); i++) {
            if (derby.outcomes().get(i).passed() && !distData.outcomes().get(i).passed()) {
                out.add(distData.describe(i).replace(distData.file().getFileName().toString(), name));
            }
        }
        return out;
    }

    public static String relativeName(Path corpus, Path file) {
        return corpus.relativize(file).toString().replace('\\', '/');
    }
}
