package dev.vigil.vuln.match;

import dev.vigil.vuln.Finding;
import dev.vigil.vuln.PackageRef;
import dev.vigil.vuln.Severity;
import dev.vigil.vuln.db.Advisory;
import dev.vigil.vuln.db.AdvisoryDatabase;
import dev.vigil.vuln.version.VersionOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Exact matching of installed packages against the advisory index: by ecosystem and name (and a Debian/Alpine
 * package's source package too), with the ecosystem's own version ordering over OSV {@code ECOSYSTEM}/{@code SEMVER}
 * ranges and {@code versions} lists. Advisories that alias each other become one finding per package.
 */
public final class Matcher {
    private final AdvisoryDatabase db;

    public Matcher(AdvisoryDatabase db) {
        this.db = db;
    }

    /** The findings for {@code pkg}, one per vulnerability (alias group), sorted by id. */
    public List<Finding> match(PackageRef pkg) {
        VersionOrder order = VersionOrder.forEcosystem(pkg.ecosystem());
        List<Hit> hits = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String name : namesOf(pkg)) {
            String version =
                    name.equals(pkg.name()) || pkg.sourceVersion() == null ? pkg.version() : pkg.sourceVersion();
            for (AdvisoryDatabase.Entry e : db.lookup(pkg.ecosystem(), name)) {
                if (!ecosystemApplies(e.affected().ecosystem(), pkg.ecosystem())) {
                    continue;
                }
                List<String> fixed = affects(e.affected(), version, order);
                if (fixed != null
                        && seen.add(e.advisory().id() + "|" + e.advisory().file())) {
                    hits.add(new Hit(e.advisory(), fixed));
                }
            }
        }
        return merge(pkg, hits);
    }

    private static List<String> namesOf(PackageRef pkg) {
        Set<String> names = new LinkedHashSet<>();
        names.add(pkg.name());
        if (pkg.sourceName() != null && !pkg.sourceName().isBlank()) {
            names.add(pkg.sourceName());
        }
        return List.copyOf(names);
    }

    /** {@code Debian} matches every Debian release; {@code Debian:12} only Debian 12. */
    static boolean ecosystemApplies(String advisoryEcosystem, String packageEcosystem) {
        if (advisoryEcosystem.equalsIgnoreCase(packageEcosystem)) {
            return true;
        }
        return !advisoryEcosystem.contains(":")
                && packageEcosystem
                        .toLowerCase(java.util.Locale.ROOT)
                        .startsWith(advisoryEcosystem.toLowerCase(java.util.Locale.ROOT) + ":");
    }

    /**
     * Null when {@code version} is not affected; otherwise the fixed version(s) of the range(s) that matched (empty
     * when none is known).
     */
    static List<String> affects(Advisory.Affected affected, String version, VersionOrder order) {
        Set<String> fixes = new TreeSet<>(order);
        boolean hit = false;
        for (Advisory.Range range : affected.ranges()) {
            String fix = rangeHit(range, version, order);
            if (fix != null) {
                hit = true;
                if (!fix.isEmpty()) {
                    fixes.add(fix);
                }
            }
        }
        if (!hit && affected.versions().contains(version)) {
            hit = true;
            // listed explicitly: the nearest fix above it in any range is the one for this release line
            String nearest = null;
            for (Advisory.Range range : affected.ranges()) {
                for (Advisory.Event e : range.events()) {
                    if (e.kind().equals("fixed")
                            && order.compare(e.version(), version) > 0
                            && (nearest == null || order.compare(e.version(), nearest) < 0)) {
                        nearest = e.version();
                    }
                }
            }
            if (nearest != null) {
                fixes.add(nearest);
            }
        }
        return hit ? List.copyOf(fixes) : null;
    }

    /**
     * Null when the version is outside the range; "" when inside with no known fix; else the fixed version that
     * closes the interval it is in. Events are evaluated in version order, as the OSV specification describes.
     */
    static String rangeHit(Advisory.Range range, String version, VersionOrder order) {
        List<Advisory.Event> events = new ArrayList<>(range.events());
        events.sort((a, b) -> compareEventVersions(a.version(), b.version(), order));
        boolean affected = false;
        int openedAt = -1;
        for (int k = 0; k < events.size(); k++) {
            Advisory.Event e = events.get(k);
            int c = compareEventVersions(version, e.version(), order);
            switch (e.kind()) {
                case "introduced" -> {
                    if (c >= 0) {
                        affected = true;
                        openedAt = k;
                    }
                }
                case "fixed", "limit" -> {
                    if (c >= 0) {
                        affected = false;
                    }
                }
                case "last_affected" -> {
                    if (c > 0) {
                        affected = false;
                    }
                }
                default -> {}
            }
        }
        if (!affected) {
            return null;
        }
        for (int k = openedAt + 1; k < events.size(); k++) {
            Advisory.Event e = events.get(k);
            if (e.kind().equals("fixed")) {
                return e.version();
            }
            if (e.kind().equals("introduced")) {
                break;
            }
        }
        return "";
    }

    private static int compareEventVersions(String a, String b, VersionOrder order) {
        boolean az = "0".equals(a);
        boolean bz = "0".equals(b);
        if (az || bz) {
            return az && bz ? 0 : az ? -1 : 1;
        }
        return order.compare(a, b);
    }

    private record Hit(Advisory advisory, List<String> fixed) {}

    /** Groups hits whose ids or aliases overlap into one finding each. */
    private static List<Finding> merge(PackageRef pkg, List<Hit> hits) {
        List<Set<String>> groups = new ArrayList<>();
        List<List<Hit>> members = new ArrayList<>();
        for (Hit h : hits) {
            Set<String> ids = new LinkedHashSet<>();
            ids.add(h.advisory().id());
            ids.addAll(h.advisory().aliases());
            List<Hit> mine = new ArrayList<>(List.of(h));
            for (int g = groups.size() - 1; g >= 0; g--) {
                if (!java.util.Collections.disjoint(groups.get(g), ids)) {
                    ids.addAll(groups.remove(g));
                    mine.addAll(members.remove(g));
                }
            }
            groups.add(ids);
            members.add(mine);
        }
        Map<String, Finding> out = new LinkedHashMap<>();
        for (int g = 0; g < groups.size(); g++) {
            Set<String> ids = new TreeSet<>(groups.get(g));
            List<String> cves = ids.stream().filter(i -> i.startsWith("CVE-")).toList();
            String primary = cves.size() == 1
                    ? cves.get(0)
                    : members.get(g).stream()
                            .map(h -> h.advisory().id())
                            .sorted()
                            .findFirst()
                            .orElseThrow();
            ids.remove(primary);
            Severity sev = Severity.UNKNOWN;
            Set<String> fixed = new TreeSet<>(VersionOrder.forEcosystem(pkg.ecosystem()));
            String summary = "";
            for (Hit h : members.get(g)) {
                if (h.advisory().severity() != Severity.UNKNOWN
                        && (sev == Severity.UNKNOWN || h.advisory().severity().rank() > sev.rank())) {
                    sev = h.advisory().severity();
                }
                fixed.addAll(h.fixed());
                if (summary.isEmpty()) {
                    summary = h.advisory().summary();
                }
            }
            out.put(
                    primary,
                    new Finding(primary, List.copyOf(ids), sev, summary, pkg, List.copyOf(fixed), false, null));
        }
        return out.values().stream()
                .sorted(java.util.Comparator.comparing(Finding::id))
                .toList();
    }
}
