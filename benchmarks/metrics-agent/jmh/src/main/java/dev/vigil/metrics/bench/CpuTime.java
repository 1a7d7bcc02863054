package dev.vigil.metrics.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time per operation, for a machine shared with other builds where wall time (and so JMH's scores) is noise: the
 * variants run interleaved in rounds on one thread; reported are the medians over rounds of the thread's CPU time per
 * operation and of the whole process's CPU time per operation (which adds GC and JIT threads).
 */
final class CpuTime {
    interface Op {
        long run() throws Exception;
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    static long sink;

    static void run(String title, Map<String, Op> variants, int warmupOps, int rounds, int opsPerRound)
            throws Exception {
        for (Op op : variants.values()) {
            for (int i = 0; i < warmupOps; i++) {
                sink += op.run();
            }
        }
        Map<String, List<double[]>> samples = new LinkedHashMap<>();
        variants.keySet().forEach(k -> samples.put(k, new ArrayList<>()));
        for (int r = 0; r < rounds; r++) {
            for (Map.Entry<String, Op> v : variants.entrySet()) {
                long t0 = THREADS.getCurrentThreadCpuTime();
                long p0 = OS.getProcessCpuTime();
                for (int i = 0; i < opsPerRound; i++) {
                    sink += v.getValue().run();
                }
                long t1 = THREADS.getCurrentThreadCpuTime();
                long p1 = OS.getProcessCpuTime();
                samples.get(v.getKey()).add(new double[] {(t1 - t0) / (double) opsPerRound, (p1 - p0) / (double) opsPerRound});
            }
        }
        System.out.printf("%s (%d rounds x %d ops, medians; load average %.2f)%n", title, rounds, opsPerRound,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        double first = -1;
        for (Map.Entry<String, List<double[]>> e : samples.entrySet()) {
            double thread = median(e.getValue(), 0);
            double process = median(e.getValue(), 1);
            if (first < 0) {
                first = thread;
            }
            System.out.printf("  %-34s thread CPU %12s/op   process CPU %12s/op   ratio to first %.2f%n", e.getKey(),
                    fmt(thread), fmt(process), thread / first);
        }
    }

    private static double median(List<double[]> l, int i) {
        double[] v = l.stream().mapToDouble(a -> a[i]).toArray();
        Arrays.sort(v);
        return v[v.length / 2];
    }

    private static String fmt(double ns) {
        return ns >= 1e6 ? String.format("%.2f ms", ns / 1e6) : ns >= 1e3 ? String.format("%.2f µs", ns / 1e3)
                : String.format("%.0f ns", ns);
    }
}
