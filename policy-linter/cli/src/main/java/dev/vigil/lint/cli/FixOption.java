package dev.vigil.lint.cli;

import dev.vigil.policy.Resource;
import dev.vigil.policy.fix.SecurityContextFixer;
import dev.vigil.policy.load.LoadResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * {@code --fix} and {@code --fix --dry-run}: the engine's {@link SecurityContextFixer} over every input file that
 * holds objects (standard input and kustomize output are never edited,
 * nor the files kustomize rendered from: an overlay may override what the fixer would change there). With {@code --dry-run} the unified diffs
 * go to stdout and no file changes.
 */
final class FixOption {
    private FixOption() {}

    /**
     * Fixes the files of {@code load}; places the fixer left alone go to {@code err} as {@code file:line:col: why}.
     *
     * @return how many files changed (or would change, with {@code dryRun})
     */
    static int run(LoadResult load, boolean dryRun, PrintStream out, PrintStream err) throws IOException {
        Set<String> files = new LinkedHashSet<>();
        for (Resource r : load.resources()) {
            if (r.renderedFrom() == null) {
                files.add(r.file());
            }
        }
        SecurityContextFixer fixer = new SecurityContextFixer();
        int changed = 0;
        for (String file : files) {
            Path path = Path.of(file);
            if (!Files.isRegularFile(path)) {
                continue;
            }
            String text = Files.readString(path, StandardCharsets.UTF_8);
            SecurityContextFixer.Result result = fixer.fix(text, file);
            result.notes().forEach(n -> err.println("vigil lint: not fixed: " + n));
            if (!result.changed()) {
                continue;
            }
            changed++;
            if (dryRun) {
                out.print(result.diff());
            } else {
                Files.writeString(path, result.fixed(), StandardCharsets.UTF_8);
            }
        }
        err.println("vigil lint: "
                + (dryRun
                        ? "--fix --dry-run: " + changed + " file(s) would change"
                        : "--fix: " + changed + " file(s) changed"));
        return changed;
    }
}
