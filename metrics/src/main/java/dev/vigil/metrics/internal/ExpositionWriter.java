package dev.vigil.metrics.internal;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.config.ExporterProperties;
import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.expositionformats.TextFormatUtil;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DistributionDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Exemplar;
import io.prometheus.metrics.model.snapshots.Exemplars;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.PrometheusNaming;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes the Prometheus text format 0.0.4 or OpenMetrics 1.0 straight into a reused byte buffer, with exactly the
 * bytes the Prometheus client's own writers ({@code PrometheusTextFormatWriter}, {@code OpenMetricsTextFormatWriter},
 * default escaping) produce for the same snapshots — the tests compare both byte for byte.
 *
 * <p>Why: the client's writers go through a synchronized {@code BufferedWriter} and a UTF-8 encoder one small string
 * at a time, which was most of a 10k-series scrape. Here every family with the shapes Micrometer produces (counters,
 * gauges, classic histograms, summaries, legacy-valid names, no scrape timestamps) is written directly as bytes, the
 * {@code le} values of a family's buckets are formatted once, and anything else (info, state sets, unknown, gauge
 * histograms, UTF-8 names, created timestamps) is handed to the client's writer family by family. Not thread-safe:
 * one instance per scrape at a time.
 */
public final class ExpositionWriter {
    private static final byte[] EOF = "# EOF\n".getBytes(StandardCharsets.US_ASCII);

    private final boolean openMetrics;
    private final ExpositionFormatWriter fallback;
    private final boolean exemplarsOnAllMetricTypes;
    /** The client writes {@code _created} series: then every family goes through it. */
    private final boolean created;

    private byte[] buf = new byte[64 * 1024];
    private int len;
    private final Buffer scratch = new Buffer();
    private int fallbackFamilies;

    // the formatted le values of the last bucket layout seen (all HTTP timers of a family share one)
    private double[] leBounds = new double[0];
    private byte[][] leBytes = new byte[0][];

    /**
     * @param openMetrics OpenMetrics 1.0 instead of the text format 0.0.4
     * @param properties the registry's Prometheus properties (as Micrometer loads them), for the same writer options
     */
    public ExpositionWriter(boolean openMetrics, PrometheusProperties properties) {
        this.openMetrics = openMetrics;
        ExpositionFormats formats = ExpositionFormats.init(properties);
        this.fallback =
                openMetrics ? formats.getOpenMetricsTextFormatWriter() : formats.getPrometheusTextFormatWriter();
        ExporterProperties exporter = properties.getExporterProperties();
        this.exemplarsOnAllMetricTypes = exporter.getExemplarsOnAllMetricTypes();
        this.created = exporter.getIncludeCreatedTimestamps();
    }

    /** Replaces the buffer's content with the exposition of {@code snapshots}. */
    public void write(MetricSnapshots snapshots) throws IOException {
        len = 0;
        fallbackFamilies = 0;
        cachedLabels = null;
        if (created) {
            fallback(snapshots, true);
            return;
        }
        for (MetricSnapshot s : TextFormatUtil.mergeDuplicates(snapshots)) {
            if (s.getDataPoints().isEmpty()) {
                continue;
            }
            int mark = len;
            if (!writeFamily(s)) {
                len = mark;
                cachedLabels = null;
                fallbackFamilies++;
                fallback(MetricSnapshots.of(s), false);
            }
        }
        if (openMetrics) {
            put(EOF);
        }
    }

    /** Families of the last {@link #write} that the Prometheus client's writer wrote (for tests). */
    int fallbackFamilies() {
        return fallbackFamilies;
    }

    /** The buffer holding the last exposition (valid up to {@link #size()}). */
    public byte[] array() {
        return buf;
    }

    /** Bytes written by the last {@link #write}. */
    public int size() {
        return len;
    }

    /** Copies the last exposition to {@code out}. */
    public void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, len);
    }

    private void fallback(MetricSnapshots snapshots, boolean whole) throws IOException {
        scratch.reset();
        fallback.write(scratch, snapshots, EscapingScheme.UNDERSCORE_ESCAPING);
        int n = scratch.size();
        if (openMetrics && !whole && n >= EOF.length) {
            n -= EOF.length; // the client ends every OpenMetrics document with # EOF; one at the very end
        }
        ensure(n);
        System.arraycopy(scratch.bytes(), 0, buf, len, n);
        len += n;
    }

    /** Writes one family; false (the caller rolls back) when it has a shape left to the client's writer. */
    private boolean writeFamily(MetricSnapshot s) {
        MetricMetadata md = s.getMetadata();
        String base = md.getPrometheusName();
        if (!PrometheusNaming.isValidLegacyMetricName(base)) {
            return false;
        }
        if (s instanceof CounterSnapshot) {
            return writeCounter((CounterSnapshot) s, md, base);
        }
        if (s instanceof GaugeSnapshot) {
            return writeGauge((GaugeSnapshot) s, md, base);
        }
        if (s instanceof HistogramSnapshot) {
            HistogramSnapshot h = (HistogramSnapshot) s;
            return !h.isGaugeHistogram() && writeHistogram(h, md, base);
        }
        if (s instanceof SummarySnapshot) {
            return writeSummary((SummarySnapshot) s, md, base);
        }
        return false;
    }

    private boolean writeCounter(CounterSnapshot s, MetricMetadata md, String base) {
        String expositionBase = md.getExpositionBasePrometheusName();
        String name = expositionBase.endsWith("_total") ? expositionBase : base + "_total";
        if (!PrometheusNaming.isValidLegacyMetricName(name)) {
            return false;
        }
        byte[] nameBytes = bytes(name);
        if (openMetrics) {
            metadata(name.substring(0, name.length() - "_total".length()), "counter", md);
        } else {
            metadata(name, "counter", md);
        }
        for (CounterSnapshot.CounterDataPointSnapshot d : s.getDataPoints()) {
            if (d.hasScrapeTimestamp() || !series(nameBytes, d.getLabels(), null, null)) {
                return false;
            }
            putDouble(d.getValue());
            if (openMetrics && !exemplar(d.getExemplar())) {
                return false;
            }
            put('\n');
        }
        return true;
    }

    private boolean writeGauge(GaugeSnapshot s, MetricMetadata md, String base) {
        String name = base;
        if (!openMetrics) {
            // the text writer drops a .total / .created suffix of the original (dotted) name
            String original = md.getOriginalName();
            if (original.endsWith(".created") || original.endsWith(".total")) {
                String stripped = original.substring(0, original.lastIndexOf('.'));
                name = PrometheusNaming.escapeName(stripped, EscapingScheme.UNDERSCORE_ESCAPING);
                if (!PrometheusNaming.isValidLegacyMetricName(name)) {
                    return false;
                }
            }
        }
        byte[] nameBytes = bytes(name);
        metadata(name, "gauge", md);
        for (GaugeSnapshot.GaugeDataPointSnapshot d : s.getDataPoints()) {
            if (d.hasScrapeTimestamp() || !series(nameBytes, d.getLabels(), null, null)) {
                return false;
            }
            putDouble(d.getValue());
            if (openMetrics && exemplarsOnAllMetricTypes && !exemplar(d.getExemplar())) {
                return false;
            }
            put('\n');
        }
        return true;
    }

    private boolean writeHistogram(HistogramSnapshot s, MetricMetadata md, String base) {
        byte[] bucketName = bytes(base + "_bucket");
        byte[] countName = bytes(base + "_count");
        byte[] sumName = bytes(base + "_sum");
        metadata(base, "histogram", md);
        for (HistogramSnapshot.HistogramDataPointSnapshot d : s.getDataPoints()) {
            if (d.hasScrapeTimestamp()) {
                return false;
            }
            ClassicHistogramBuckets buckets = d.getClassicBuckets();
            int n = buckets.isEmpty() ? 1 : buckets.size();
            byte[][] le = leValues(buckets);
            Exemplars exemplars = d.getExemplars();
            long cumulative = 0;
            for (int i = 0; i < n; i++) {
                cumulative += buckets.isEmpty() ? d.getCount() : buckets.getCount(i);
                if (!series(bucketName, d.getLabels(), "le", le[i])) {
                    return false;
                }
                putLong(cumulative);
                if (openMetrics) {
                    double upper = buckets.isEmpty() ? Double.POSITIVE_INFINITY : buckets.getUpperBound(i);
                    double lower = i == 0 ? Double.NEGATIVE_INFINITY : buckets.getUpperBound(i - 1);
                    if (!exemplar(exemplars.get(lower, upper))) {
                        return false;
                    }
                }
                put('\n');
            }
            if (openMetrics) {
                if (d.hasCount() && d.hasSum() && !countAndSum(countName, sumName, d, exemplars)) {
                    return false;
                }
            } else if (!countAndSum(countName, sumName, d, null)) {
                return false;
            }
        }
        return true;
    }

    private boolean writeSummary(SummarySnapshot s, MetricMetadata md, String base) {
        byte[] name = bytes(base);
        byte[] countName = bytes(base + "_count");
        byte[] sumName = bytes(base + "_sum");
        boolean metadataWritten = false;
        for (SummarySnapshot.SummaryDataPointSnapshot d : s.getDataPoints()) {
            if (d.getQuantiles().size() == 0 && !d.hasCount() && !d.hasSum()) {
                continue;
            }
            if (d.hasScrapeTimestamp()) {
                return false;
            }
            if (!metadataWritten) {
                metadata(base, "summary", md);
                metadataWritten = true;
            }
            Exemplars exemplars = d.getExemplars();
            int exemplarIndex = 1;
            for (Quantile q : d.getQuantiles()) {
                if (!series(name, d.getLabels(), "quantile", bytes(formatDouble(q.getQuantile())))) {
                    return false;
                }
                putDouble(q.getValue());
                if (openMetrics && exemplars.size() > 0 && exemplarsOnAllMetricTypes) {
                    exemplarIndex = (exemplarIndex + 1) % exemplars.size();
                    if (!exemplar(exemplars.get(exemplarIndex))) {
                        return false;
                    }
                }
                put('\n');
            }
            if (!countAndSum(countName, sumName, d, openMetrics ? exemplars : null)) {
                return false;
            }
        }
        return true;
    }

    private boolean countAndSum(byte[] countName, byte[] sumName, DistributionDataPointSnapshot d, Exemplars ex) {
        if (d.hasCount()) {
            if (!series(countName, d.getLabels(), null, null)) {
                return false;
            }
            putLong(d.getCount());
            if (ex != null && exemplarsOnAllMetricTypes && !exemplar(ex.getLatest())) {
                return false;
            }
            put('\n');
        }
        if (d.hasSum()) {
            if (!series(sumName, d.getLabels(), null, null)) {
                return false;
            }
            putDouble(d.getSum());
            put('\n');
        }
        return true;
    }

    /** The formatted upper bounds of a bucket layout, cached while consecutive series share it. */
    private byte[][] leValues(ClassicHistogramBuckets buckets) {
        int n = buckets.isEmpty() ? 1 : buckets.size();
        boolean same = leBounds.length == n;
        for (int i = 0; same && i < n; i++) {
            double b = buckets.isEmpty() ? Double.POSITIVE_INFINITY : buckets.getUpperBound(i);
            same = Double.compare(leBounds[i], b) == 0;
        }
        if (!same) {
            double[] bounds = new double[n];
            byte[][] values = new byte[n][];
            for (int i = 0; i < n; i++) {
                bounds[i] = buckets.isEmpty() ? Double.POSITIVE_INFINITY : buckets.getUpperBound(i);
                values[i] = bytes(formatDouble(bounds[i]));
            }
            leBounds = bounds;
            leBytes = values;
        }
        return leBytes;
    }

    private void metadata(String name, String type, MetricMetadata md) {
        String help = md.getHelp();
        boolean hasHelp = help != null && !help.isEmpty();
        if (!openMetrics) {
            if (hasHelp) {
                put("# HELP ");
                putAscii(name);
                put(' ');
                putEscaped(help, false);
                put('\n');
            }
            put("# TYPE ");
            putAscii(name);
            put(' ');
            put(type);
            put('\n');
            return;
        }
        put("# TYPE ");
        putAscii(name);
        put(' ');
        put(type);
        put('\n');
        if (md.getUnit() != null) {
            put("# UNIT ");
            putAscii(name);
            put(' ');
            putEscaped(md.getUnit().toString(), true);
            put('\n');
        }
        if (hasHelp) {
            put("# HELP ");
            putAscii(name);
            put(' ');
            putEscaped(help, true);
            put('\n');
        }
    }

    /**
     * {@code name{labels[,extra="value"]} }; false when a label name needs the client's quoting. The label block of a
     * data point is written once and copied for its other lines (a histogram has 14 lines per data point).
     */
    private boolean series(byte[] name, Labels labels, String extraName, byte[] extraValue) {
        put(name);
        int n = labels.size();
        if (n > 0 || extraName != null) {
            put('{');
            if (n > 0) {
                if (labels == cachedLabels) {
                    int size = cachedEnd - cachedStart;
                    ensure(size);
                    System.arraycopy(buf, cachedStart, buf, len, size);
                    len += size;
                } else {
                    int start = len;
                    if (!labels(labels)) {
                        return false;
                    }
                    cachedLabels = labels;
                    cachedStart = start;
                    cachedEnd = len;
                }
            }
            if (extraName != null) {
                if (n > 0) {
                    put(',');
                }
                putAscii(extraName);
                put('=');
                put('"');
                put(extraValue);
                put('"');
            }
            put('}');
        }
        put(' ');
        return true;
    }

    /** {@code k="v",k2="v2"}; false when a label name needs the client's quoting. */
    private boolean labels(Labels labels) {
        for (int i = 0; i < labels.size(); i++) {
            if (i > 0) {
                put(',');
            }
            if (!labelName(labels.getPrometheusName(i))) {
                return false;
            }
            put('=');
            put('"');
            putEscaped(labels.getValue(i), true);
            put('"');
        }
        return true;
    }

    // the label block last written: copied while the following lines have the same Labels
    private Labels cachedLabels;
    private int cachedStart;
    private int cachedEnd;

    // label names already checked (Micrometer hands the same tag-key strings to every series of a family)
    private final String[] checkedNames = new String[16];
    private int nextChecked;

    private boolean labelName(String name) {
        boolean known = false;
        for (String c : checkedNames) {
            if (c == name) {
                known = true;
                break;
            }
        }
        if (!known) {
            if (!PrometheusNaming.isValidLegacyLabelName(name)) {
                return false;
            }
            checkedNames[nextChecked] = name;
            nextChecked = (nextChecked + 1) % checkedNames.length;
        }
        putAscii(name);
        return true;
    }

    private boolean exemplar(Exemplar e) {
        if (e == null) {
            return true;
        }
        put(" # {");
        if (!labels(e.getLabels())) {
            return false;
        }
        put('}');
        put(' ');
        putDouble(e.getValue());
        if (e.hasTimestamp()) {
            put(' ');
            long ms = e.getTimestampMillis();
            putLong(ms / 1000L);
            put('.');
            long frac = ms % 1000;
            if (frac < 100) {
                put('0');
            }
            if (frac < 10) {
                put('0');
            }
            putLong(frac);
        }
        return true;
    }

    private static String formatDouble(double d) {
        if (d == Double.POSITIVE_INFINITY) {
            return "+Inf";
        }
        if (d == Double.NEGATIVE_INFINITY) {
            return "-Inf";
        }
        return Double.toString(d);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }

    private void put(char c) {
        if (len == buf.length) {
            ensure(1);
        }
        buf[len++] = (byte) c;
    }

    private void put(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
    }

    /** An ASCII literal. */
    private void put(String ascii) {
        putAscii(ascii);
    }

    private void putAscii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                put(bytes(s));
                return;
            }
            buf[len + i] = (byte) c;
        }
        len += n;
    }

    private void putDouble(double d) {
        if (d == (long) d && Math.abs(d) < 1e7 && (d != 0 || 1 / d > 0)) {
            // Double.toString of an integral value below 10^7 is the integer with ".0"
            putLong((long) d);
            put('.');
            put('0');
            return;
        }
        putAscii(formatDouble(d));
    }

    private void putLong(long v) {
        if (v == Long.MIN_VALUE) {
            putAscii("-9223372036854775808");
            return;
        }
        ensure(20);
        if (v < 0) {
            buf[len++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) {
            digits++;
        }
        int end = len + digits;
        for (int i = end - 1; i >= len; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        len = end;
    }

    /**
     * Escapes backslash and newline, and double quotes when {@code quotes} (label values, OpenMetrics help and unit;
     * the text format's help leaves quotes alone); non-ASCII characters as UTF-8.
     */
    private void putEscaped(String s, boolean quotes) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                putEscapedSlow(s, i, quotes);
                return;
            }
            if (c == '\\' || c == '\n' || (quotes && c == '"')) {
                putEscapedSlow(s, i, quotes);
                return;
            }
            buf[len++] = (byte) c;
        }
    }

    private void putEscapedSlow(String s, int from, boolean quotes) {
        StringBuilder sb = new StringBuilder(s.length() - from + 8);
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                sb.append("\\\\");
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (quotes && c == '"') {
                sb.append("\\\"");
            } else {
                sb.append(c);
            }
        }
        put(bytes(sb.toString()));
    }

    /** A byte sink whose array the writer can copy from without another copy. */
    private static final class Buffer extends java.io.ByteArrayOutputStream {
        Buffer() {
            super(1024);
        }

        byte[] bytes() {
            return buf;
        }
    }
}
