package dev.vigil.metrics.agent.guard.custom;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * A rules file as a small tree of mappings, sequences and scalars, each with its 1-based line. Built from
 * snakeyaml-engine's parser events without recursion, so nesting, size and node count are bounded while parsing;
 * anchors and aliases are refused (a rules file has no use for them, and they are the YAML bomb's tool).
 */
final class YamlTree {
    static final int MAX_FILE_CHARS = 1_000_000;
    static final int MAX_DEPTH = 20;
    static final int MAX_NODES = 100_000;

    /** A YAML node. */
    sealed interface Node permits Scalar, Mapping, Sequence {
        int line();

        /** "a string", "a mapping", … for messages. */
        String describe();
    }

    /** A scalar; {@code plain} when it was written without quotes (so {@code true} may be a boolean). */
    record Scalar(String value, boolean plain, int line) implements Node {
        boolean isNull() {
            return plain && (value.isEmpty() || value.equals("~") || value.equalsIgnoreCase("null"));
        }

        @Override
        public String describe() {
            return isNull() ? "empty" : "'" + Messages.abbreviate(value) + "'";
        }
    }

    /** A key of a mapping with the line it is on. */
    record Entry(Scalar key, Node value) {}

    /** A mapping (keys are scalars, in file order). */
    record Mapping(List<Entry> entries, int line) implements Node {
        @Override
        public String describe() {
            return "a mapping";
        }
    }

    /** A sequence. */
    record Sequence(List<Node> items, int line) implements Node {
        @Override
        public String describe() {
            return "a list";
        }
    }

    /** A syntax or limit problem with its 1-based line. */
    static final class SyntaxException extends Exception {
        private static final long serialVersionUID = 1L;
        final int line;

        SyntaxException(String message, int line) {
            super(message, null, false, false);
            this.line = line;
        }
    }

    private YamlTree() {}

    /** Parses the single document of {@code text}; null when it is empty. */
    static Node parse(String text, String label) throws SyntaxException {
        if (text.length() > MAX_FILE_CHARS) {
            throw new SyntaxException("the file has more than " + MAX_FILE_CHARS + " characters", 1);
        }
        LoadSettings settings = LoadSettings.builder()
                .setLabel(label)
                .setUseMarks(true)
                .setCodePointLimit(MAX_FILE_CHARS + 1)
                .build();
        Deque<Frame> stack = new ArrayDeque<>();
        Node root = null;
        int documents = 0;
        int nodes = 0;
        int line = 1;
        try {
            for (Event event : new Parse(settings).parseString(text)) {
                line = line(event.getStartMark(), line);
                switch (event.getEventId()) {
                    case DocumentStart -> {
                        if (++documents > 1) {
                            throw new SyntaxException("more than one YAML document, expected one list of rules", line);
                        }
                    }
                    case Alias -> throw new SyntaxException("aliases (*name) are not supported in a rules file", line);
                    case MappingStart, SequenceStart, Scalar -> {
                        if (((NodeEvent) event).getAnchor().isPresent()) {
                            throw new SyntaxException("anchors (&name) are not supported in a rules file", line);
                        }
                        if (++nodes > MAX_NODES) {
                            throw new SyntaxException("more than " + MAX_NODES + " YAML nodes", line);
                        }
                        Node node;
                        if (event.getEventId() == Event.ID.Scalar) {
                            ScalarEvent s = (ScalarEvent) event;
                            node = new Scalar(s.getValue(), s.getScalarStyle() == ScalarStyle.PLAIN, line);
                        } else {
                            if (stack.size() >= MAX_DEPTH) {
                                throw new SyntaxException("nesting deeper than " + MAX_DEPTH + " levels", line);
                            }
                            node = event.getEventId() == Event.ID.MappingStart
                                    ? new Mapping(new ArrayList<>(), line)
                                    : new Sequence(new ArrayList<>(), line);
                        }
                        if (stack.isEmpty()) {
                            root = node;
                        } else {
                            attach(stack.peek(), node, line);
                        }
                        if (!(node instanceof Scalar)) {
                            stack.push(new Frame(node));
                        }
                    }
                    case MappingEnd, SequenceEnd -> stack.pop();
                    default -> {}
                }
            }
        } catch (MarkedYamlEngineException e) {
            int at = e.getProblemMark().map(m -> m.getLine() + 1).orElse(line);
            String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
            String column = e.getProblemMark()
                    .map(m -> " (column " + (m.getColumn() + 1) + ")")
                    .orElse("");
            throw new SyntaxException("invalid YAML: " + Messages.oneLine(problem) + column, at);
        } catch (YamlEngineException e) {
            throw new SyntaxException("invalid YAML: " + Messages.oneLine(String.valueOf(e.getMessage())), line);
        }
        return root;
    }

    /** An open mapping or sequence; for a mapping, the key waiting for its value and the keys seen. */
    private static final class Frame {
        final Node container;
        final Map<String, Integer> keys = new HashMap<>();
        Scalar pendingKey;

        Frame(Node container) {
            this.container = container;
        }
    }

    private static void attach(Frame frame, Node node, int line) throws SyntaxException {
        if (frame.container instanceof Sequence seq) {
            seq.items().add(node);
        } else if (frame.pendingKey == null) {
            if (!(node instanceof Scalar key)) {
                throw new SyntaxException("a key must be a plain name, not " + node.describe(), line);
            }
            Integer first = frame.keys.putIfAbsent(key.value(), key.line());
            if (first != null) {
                throw new SyntaxException(
                        "key '" + Messages.abbreviate(key.value()) + "' appears twice (first at line " + first + ")",
                        line);
            }
            frame.pendingKey = key;
        } else {
            ((Mapping) frame.container).entries().add(new Entry(frame.pendingKey, node));
            frame.pendingKey = null;
        }
    }

    private static int line(java.util.Optional<Mark> mark, int fallback) {
        return mark.map(m -> m.getLine() + 1).orElse(fallback);
    }
}
