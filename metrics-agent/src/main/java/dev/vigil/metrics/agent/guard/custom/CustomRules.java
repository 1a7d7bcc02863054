package dev.vigil.metrics.agent.guard.custom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Custom guard rules from a YAML file ({@code guard.rules=FILE}): a list of rules in Falco's shape, with conditions in
 * CEL.
 *
 * <pre>{@code
 * - rule: curl-from-the-app              # id, unique in the file (required)
 *   desc: The application ran curl       # required
 *   priority: Warning                    # a Falco priority (required)
 *   condition: kind == "process" && proc.cmdline.contains("curl")    # CEL, a bool (required)
 *   output: curl started by %thread.name: %proc.cmdline               # %field placeholders (required)
 *   tags: [network, mitre_command_and_control]                        # optional
 *   enabled: true                                                     # optional, default true
 *   exceptions:                                                       # optional
 *   - name: health-probe
 *     condition: proc.cmdline.endsWith("localhost:8080/health")
 * }</pre>
 *
 * Everything wrong is reported at once, each problem on one line naming the file, the line and the field (see
 * {@link CustomRulesException}). Loading a file is the only thing that loads CEL and snakeyaml-engine classes.
 */
public final class CustomRules {
    private final List<CustomRule> rules;

    private CustomRules(List<CustomRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /**
     * Reads and compiles the rules of {@code file}.
     *
     * @throws CustomRulesException when the file cannot be read, is not valid YAML, or any rule is invalid (the
     *     message names the first problem, {@link CustomRulesException#problems()} all of them)
     */
    public static CustomRules load(Path file) throws CustomRulesException {
        String label = file.toString();
        String text;
        try {
            if (Files.size(file) > 4L * YamlTree.MAX_FILE_CHARS) {
                throw fail(label, 1, "(file)", "is larger than " + 4 * YamlTree.MAX_FILE_CHARS / 1_000_000 + " MB");
            }
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (NoSuchFileException e) {
            throw fail(label, 1, "(file)", "does not exist");
        } catch (CharacterCodingException e) {
            throw fail(label, 1, "(file)", "is not UTF-8 text");
        } catch (IOException e) {
            throw fail(label, 1, "(file)", "cannot be read: " + Messages.oneLine(String.valueOf(e.getMessage())));
        }
        return parse(text, label);
    }

    /** Parses rules from {@code text}; {@code label} names the file in messages. */
    static CustomRules parse(String text, String label) throws CustomRulesException {
        YamlTree.Node root;
        try {
            root = YamlTree.parse(text, label);
        } catch (YamlTree.SyntaxException e) {
            throw fail(label, e.line, "(yaml)", e.getMessage());
        }
        RuleParser parser = new RuleParser(label);
        List<CustomRule> rules = parser.parse(root);
        if (!parser.problems().isEmpty()) {
            parser.problems().sort(java.util.Comparator.comparingInt(CustomRulesException.Problem::line));
            throw new CustomRulesException(parser.problems());
        }
        return new CustomRules(rules);
    }

    /** The rules, in file order; disabled ones included (they never match). */
    public List<CustomRule> rules() {
        return rules;
    }

    @Override
    public String toString() {
        return "CustomRules" + rules;
    }

    private static CustomRulesException fail(String file, int line, String field, String message) {
        List<CustomRulesException.Problem> one = new ArrayList<>();
        one.add(new CustomRulesException.Problem(file, line, field, message));
        return new CustomRulesException(one);
    }
}
