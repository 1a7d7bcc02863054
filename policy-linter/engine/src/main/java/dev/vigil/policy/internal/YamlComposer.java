package dev.vigil.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.CoreScalarResolver;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;

/**
 * Builds Jackson trees and their {@link PositionTree}s straight from snakeyaml-engine's parser events, without
 * recursion, so that nesting, scalar size, alias expansion and node counts are bounded while parsing.
 */
public final class YamlComposer {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ScalarResolver RESOLVER = new CoreScalarResolver(false);

    /** One parsed YAML document: its tree (null when empty) and positions. */
    public record Document(JsonNode root, PositionTree positions) {}

    /** A document stream could not be parsed; carries a 1-based position. */
    public static final class ComposeException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int line;
        private final int column;

        ComposeException(String message, int line, int column) {
            super(message, null, false, false);
            this.line = line;
            this.column = column;
        }

        public int line() {
            return line;
        }

        public int column() {
            return column;
        }
    }

    /** Receives each document as soon as it is complete. */
    public interface DocumentSink {
        void accept(Document document);

        /**
         * A document that is well-formed YAML but not a valid mapping (a duplicate key) and was skipped; the documents
         * after it are still read. By default the whole stream fails, as on a syntax error.
         */
        default void reject(ComposeException problem) {
            throw problem;
        }
    }

    /** Bounds for untrusted input (see {@code LoadLimits}). */
    public record Limits(long maxFileBytes, int maxDepth, int maxScalarChars, int maxNodesPerDocument) {}

    private final Limits limits;

    public YamlComposer(Limits limits) {
        this.limits = limits;
    }

    private static final class Frame {
        final JsonNode container;
        final PositionTree positions;
        final String anchor;
        final int startNodes;
        String pendingKey;
        PositionTree pendingKeyPosition;

        Frame(JsonNode container, PositionTree positions, String anchor, int startNodes) {
            this.container = container;
            this.positions = positions;
            this.anchor = anchor;
            this.startNodes = startNodes;
        }

        boolean expectsKey() {
            return container.isObject() && pendingKey == null;
        }
    }

    private record Anchored(JsonNode node, PositionTree positions, int nodes) {}

    /** Parses every document of {@code text}; documents before a syntax error are still delivered. */
    public void compose(String text, String label, DocumentSink sink) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(label)
                .setCodePointLimit((int) Math.min(Integer.MAX_VALUE, limits.maxFileBytes()))
                .setUseMarks(true)
                .setBufferSize(bufferSize(text.length()))
                .build();
        Deque<Frame> stack = new ArrayDeque<>();
        Map<String, Anchored> anchors = new HashMap<>();
        // manifests repeat the same keys and short values thousands of times: one String / node each per stream
        Map<String, String> keys = new HashMap<>();
        // plain and quoted scalars resolve differently ("1" vs 1): one cache each
        Map<String, JsonNode> plainValues = new HashMap<>();
        Map<String, JsonNode> quotedValues = new HashMap<>();
        JsonNode root = null;
        PositionTree rootPositions = null;
        int nodes = 0;
        // a duplicate key: YAML requires unique keys, and which of two values the cluster would see is a guess (the
        // API server's strict field validation and kustomize refuse it), so the document is skipped; the stream is
        // still well-formed, so the documents after it are read
        ComposeException rejected = null;
        try {
            for (Event event : new Parse(settings).parseString(text)) {
                if (rejected != null && event.getEventId() != Event.ID.DocumentEnd) {
                    continue;
                }
                switch (event.getEventId()) {
                    case DocumentStart -> {
                        root = null;
                        rootPositions = null;
                        nodes = 0;
                        anchors.clear();
                    }
                    case DocumentEnd -> {
                        if (rejected != null) {
                            stack.clear();
                            ComposeException problem = rejected;
                            rejected = null;
                            sink.reject(problem);
                        } else {
                            sink.accept(new Document(root, rootPositions));
                        }
                    }
                    case MappingStart, SequenceStart -> {
                        CollectionStartEvent start = (CollectionStartEvent) event;
                        if (stack.size() >= limits.maxDepth()) {
                            throw error(event, "nesting deeper than " + limits.maxDepth() + " levels");
                        }
                        Frame parent = stack.peek();
                        if (parent != null && parent.expectsKey()) {
                            throw error(event, nonScalarKeyMessage(text, event));
                        }
                        nodes = count(nodes, 1, event);
                        JsonNode container =
                                event.getEventId() == Event.ID.MappingStart ? NODES.objectNode() : NODES.arrayNode();
                        PositionTree pos = positionFor(parent, event);
                        stack.push(new Frame(container, pos, anchorName(start), nodes));
                    }
                    case MappingEnd, SequenceEnd -> {
                        Frame done = stack.pop();
                        if (done.anchor != null) {
                            anchors.put(
                                    done.anchor,
                                    new Anchored(done.container, done.positions, nodes - done.startNodes + 1));
                        }
                        if (stack.isEmpty()) {
                            root = done.container;
                            rootPositions = done.positions;
                        } else {
                            attach(stack.peek(), done.container, done.positions);
                        }
                    }
                    case Scalar -> {
                        ScalarEvent scalar = (ScalarEvent) event;
                        if (scalar.getValue().length() > limits.maxScalarChars()) {
                            throw error(
                                    event,
                                    "a scalar of " + scalar.getValue().length() + " characters exceeds the limit of "
                                            + limits.maxScalarChars());
                        }
                        nodes = count(nodes, 1, event);
                        Frame parent = stack.peek();
                        Mark mark = event.getStartMark().orElse(null);
                        PositionTree pos = mark == null
                                ? new PositionTree(0, 0)
                                : new PositionTree(mark.getLine() + 1, mark.getColumn() + 1);
                        if (parent == null) {
                            root = toJson(scalar);
                            rootPositions = pos;
                        } else if (parent.expectsKey()) {
                            String key = scalar.getValue();
                            parent.pendingKey = key.length() <= SHARED_LENGTH ? keys.computeIfAbsent(key, k -> k) : key;
                            parent.pendingKeyPosition = pos;
                            if (parent.container.has(parent.pendingKey)) {
                                rejected = error(event, "duplicate key '" + parent.pendingKey + "'");
                            }
                        } else {
                            JsonNode value = shared(scalar, scalar.isPlain() ? plainValues : quotedValues);
                            if (scalar.getAnchor().isPresent()) {
                                anchors.put(scalar.getAnchor().get().getValue(), new Anchored(value, pos, 1));
                            }
                            attach(parent, value, parent.container.isObject() ? parent.pendingKeyPosition : pos);
                        }
                    }
                    case Alias -> {
                        String name = ((AliasEvent) event).getAlias().getValue();
                        Anchored target = anchors.get(name);
                        if (target == null) {
                            throw error(event, "unknown alias *" + name);
                        }
                        nodes = count(nodes, target.nodes(), event);
                        Frame parent = stack.peek();
                        if (parent == null) {
                            root = target.node();
                            rootPositions = target.positions();
                        } else if (parent.expectsKey()) {
                            throw error(event, "an alias cannot be a mapping key");
                        } else {
                            attach(parent, target.node(), target.positions());
                        }
                    }
                    default -> {}
                }
            }
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> mark = e.getProblemMark();
            int line = mark.map(m -> m.getLine() + 1).orElse(0);
            int column = mark.map(m -> m.getColumn() + 1).orElse(0);
            String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
            throw new ComposeException(helmHint(text, line).orElse(describe(e.getContext(), problem)), line, column);
        } catch (YamlEngineException e) {
            throw new ComposeException(firstLine(e.getMessage()), 0, 0);
        }
    }

    /**
     * snakeyaml-engine reads its input in chunks of the buffer size and, on every chunk, copies the code points of
     * the token it is still scanning into a new window. With its default of 1,024 chars a long scalar (or any
     * long token) was copied once per KiB: quadratic, a 20 MB scalar took over a minute to be rejected. With chunks
     * of at least an eighth of the input there are at most nine chunks, so each code point is copied at most nine
     * times whatever the shape of the input.
     */
    static int bufferSize(int textLength) {
        return Math.max(64 * 1024, textLength / 8 + 1);
    }

    /** Scalars up to this length are shared within a stream (keys, and values without tag or anchor). */
    private static final int SHARED_LENGTH = 64;

    /**
     * Value nodes are immutable: equal short scalars of one stream share one node ({@code cache} holds the plain or
     * the quoted scalars, as {@code scalar} is).
     */
    private static JsonNode shared(ScalarEvent scalar, Map<String, JsonNode> cache) {
        String value = scalar.getValue();
        if (value.length() > SHARED_LENGTH
                || scalar.getTag().isPresent()
                || scalar.getAnchor().isPresent()) {
            return toJson(scalar);
        }
        JsonNode node = cache.get(value);
        if (node == null) {
            node = toJson(scalar);
            cache.put(value, node);
        }
        return node;
    }

    private static String describe(String context, String problem) {
        String p = firstLine(problem);
        return context == null ? p : firstLine(context) + ": " + p;
    }

    private int count(int nodes, int add, Event event) {
        long total = (long) nodes + add;
        if (total > limits.maxNodesPerDocument()) {
            throw error(
                    event,
                    "more than " + limits.maxNodesPerDocument() + " nodes in one document (alias expansion included)");
        }
        return (int) total;
    }

    private static String anchorName(NodeEvent event) {
        return event.getAnchor().map(Anchor::getValue).orElse(null);
    }

    private static PositionTree positionFor(Frame parent, Event event) {
        if (parent != null && parent.container.isObject() && parent.pendingKeyPosition != null) {
            return new PositionTree(parent.pendingKeyPosition.line(), parent.pendingKeyPosition.column());
        }
        Mark mark = event.getStartMark().orElse(null);
        return mark == null ? new PositionTree(0, 0) : new PositionTree(mark.getLine() + 1, mark.getColumn() + 1);
    }

    private static void attach(Frame parent, JsonNode value, PositionTree positions) {
        if (parent.container instanceof ObjectNode object) {
            object.set(parent.pendingKey, value);
            parent.positions.putField(parent.pendingKey, positions);
            parent.pendingKey = null;
            parent.pendingKeyPosition = null;
        } else {
            ((ArrayNode) parent.container).add(value);
            parent.positions.addItem(positions);
        }
    }

    private static JsonNode toJson(ScalarEvent scalar) {
        String value = scalar.getValue();
        Optional<String> tag = scalar.getTag();
        Tag resolved;
        if (tag.isPresent() && !"!".equals(tag.get())) {
            resolved = new Tag(tag.get());
        } else if (scalar.isPlain()) {
            resolved = RESOLVER.resolve(value, true);
        } else {
            return NODES.textNode(value);
        }
        if (Tag.NULL.equals(resolved)) {
            return NODES.nullNode();
        } else if (Tag.BOOL.equals(resolved)) {
            return NODES.booleanNode(Boolean.parseBoolean(value.toLowerCase(java.util.Locale.ROOT)));
        } else if (Tag.INT.equals(resolved)) {
            return integer(value);
        } else if (Tag.FLOAT.equals(resolved)) {
            return floating(value);
        }
        return NODES.textNode(value);
    }

    private static JsonNode integer(String value) {
        String v = value.replace("_", "");
        int radix = 10;
        String digits = v;
        boolean negative = v.startsWith("-");
        if (negative || v.startsWith("+")) {
            digits = v.substring(1);
        }
        if (digits.startsWith("0x")) {
            radix = 16;
            digits = digits.substring(2);
        } else if (digits.startsWith("0o")) {
            radix = 8;
            digits = digits.substring(2);
        }
        try {
            BigInteger big = new BigInteger(digits, radix);
            if (negative) {
                big = big.negate();
            }
            return big.bitLength() < 63 ? NODES.numberNode(big.longValue()) : NODES.numberNode(big);
        } catch (NumberFormatException e) {
            return NODES.textNode(value);
        }
    }

    private static JsonNode floating(String value) {
        String v = value.toLowerCase(java.util.Locale.ROOT);
        if (v.endsWith(".inf")) {
            return NODES.numberNode(v.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        } else if (v.equals(".nan")) {
            return NODES.numberNode(Double.NaN);
        }
        try {
            return NODES.numberNode(Double.parseDouble(v));
        } catch (NumberFormatException e) {
            return NODES.textNode(value);
        }
    }

    private ComposeException error(Event event, String message) {
        Mark mark = event.getStartMark().orElse(null);
        return mark == null
                ? new ComposeException(message, 0, 0)
                : new ComposeException(message, mark.getLine() + 1, mark.getColumn() + 1);
    }

    private static String nonScalarKeyMessage(String text, Event event) {
        int line = event.getStartMark().map(m -> m.getLine() + 1).orElse(0);
        return helmHint(text, line).orElse("a mapping key must be a scalar");
    }

    /** A Helm template that was not rendered looks like YAML flow syntax; say so instead of a parser message. */
    private static Optional<String> helmHint(String text, int line) {
        String content = lineText(text, line);
        if (content != null && content.contains("{{")) {
            return Optional.of("unrendered Helm template ('{{ … }}'); render it first: helm template … | vigil lint -");
        }
        return Optional.empty();
    }

    private static String lineText(String text, int line) {
        if (line <= 0) {
            return null;
        }
        int start = 0;
        for (int i = 1; i < line; i++) {
            start = text.indexOf('\n', start);
            if (start < 0) {
                return null;
            }
            start++;
        }
        int end = text.indexOf('\n', start);
        return text.substring(start, end < 0 ? text.length() : end);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "invalid YAML";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
