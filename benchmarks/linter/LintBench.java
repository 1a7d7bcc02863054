import dev.vigil.policy.PolicyConfig;
import dev.vigil.policy.PolicyEngine;
import dev.vigil.policy.ResourceSet;
import dev.vigil.policy.Rule;
import dev.vigil.policy.load.LoadResult;
import dev.vigil.policy.load.ManifestLoader;
import dev.vigil.policy.rules.BuiltInRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * In-process timings of the linter over a corpus, after warm-up (median of several rounds):
 * parse-only (snakeyaml-engine into plain Java maps, what any YAML tool must pay), the engine's positioned
 * loader, the rules, and the full lint (load + rules). Usage:
 * java -cp policy-linter.jar LintBench.java CORPUS_DIR [ROUNDS] [--per-rule]
 */
public class LintBench {
    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        boolean perRule = Arrays.asList(args).contains("--per-rule");
        List<Path> files;
        try (Stream<Path> s = Files.list(corpus)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        PolicyEngine engine = PolicyEngine.create(PolicyConfig.defaults());
        ManifestLoader loader = new ManifestLoader();
        List<String> inputs = List.of(corpus.toString());

        long[] parse = new long[rounds];
        long[] load = new long[rounds];
        long[] rules = new long[rounds];
        long[] lint = new long[rounds];
        int objects = 0;
        int findings = 0;
        for (int r = -2; r < rounds; r++) { // two warm-up rounds
            long t0 = System.nanoTime();
            int docs = 0;
            for (Path f : files) {
                Load yaml = new Load(LoadSettings.builder().setCodePointLimit(64 << 20).build());
                for (Object ignored : yaml.loadAllFromString(Files.readString(f))) {
                    docs++;
                }
            }
            long t1 = System.nanoTime();
            LoadResult loaded = loader.load(inputs);
            long t2 = System.nanoTime();
            ResourceSet set = ResourceSet.of(loaded.resources());
            findings = engine.evaluate(set).findings().size();
            long t3 = System.nanoTime();
            LoadResult again = loader.load(inputs);
            engine.evaluate(again.resources());
            long t4 = System.nanoTime();
            objects = loaded.resources().size();
            if (r >= 0) {
                parse[r] = t1 - t0;
                load[r] = t2 - t1;
                rules[r] = t3 - t2;
                lint[r] = t4 - t3;
            }
            if (docs != objects) {
                throw new IllegalStateException(docs + " documents but " + objects + " objects");
            }
        }
        double p = median(parse);
        double l = median(load);
        double e = median(rules);
        double all = median(lint);
        System.out.printf(Locale.ROOT, "corpus: %d objects in %d files, %d findings, %d rules, %d rounds (median)%n",
                objects, files.size(), findings, engine.activeRules().size(), rounds);
        System.out.printf(Locale.ROOT, "parse-only (snakeyaml-engine → maps)   %8.1f ms%n", p);
        System.out.printf(Locale.ROOT, "positioned load (ManifestLoader)       %8.1f ms  (%.2f× parse-only)%n", l, l / p);
        System.out.printf(Locale.ROOT, "rules (PolicyEngine.evaluate)          %8.1f ms%n", e);
        System.out.printf(Locale.ROOT, "full lint (load + rules)               %8.1f ms  (%.2f× parse-only)%n", all, all / p);
        if (perRule) {
            LoadResult loaded = loader.load(inputs);
            ResourceSet set = ResourceSet.of(loaded.resources());
            List<Object[]> times = new ArrayList<>();
            for (Rule rule : BuiltInRules.all()) {
                PolicyEngine one = PolicyEngine.create(PolicyConfig.defaults(), List.of(rule));
                one.evaluate(set);
                long t = System.nanoTime();
                one.evaluate(set);
                times.add(new Object[] {rule.metadata().id(), (System.nanoTime() - t) / 1e6});
            }
            times.sort(Comparator.comparingDouble(o -> -(double) o[1]));
            long t = System.nanoTime();
            ResourceSet.of(loaded.resources());
            System.out.printf(Locale.ROOT, "ResourceSet.of (pod specs found once): %8.1f ms%n", (System.nanoTime() - t) / 1e6);
            System.out.printf(Locale.ROOT, "sum of rules run one by one:           %8.1f ms%n",
                    times.stream().mapToDouble(o -> (double) o[1]).sum());
            System.out.println("slowest rules:");
            times.stream().limit(12).forEach(o -> System.out.printf(Locale.ROOT, "  %-40s %8.1f ms%n", o[0], o[1]));
        }
    }

    static double median(long[] ns) {
        long[] s = ns.clone();
        Arrays.sort(s);
        return s[s.length / 2] / 1e6;
    }
}
