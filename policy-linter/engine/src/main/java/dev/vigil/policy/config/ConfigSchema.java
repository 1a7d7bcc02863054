package dev.vigil.policy.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import dev.vigil.policy.internal.PositionTree;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON Schema of {@code .vigil.yaml} (published as {@code docs/schema/vigil.schema.json} for editors'
 * completion, bundled here as the same file), compiled once with networknt json-schema-validator. Its problems
 * are {@link ConfigProblem}s: {@code file:line: key: what is wrong}, the line being the offending key's.
 */
public final class ConfigSchema {
    /** Where the schema lives in this jar (copied from {@code docs/schema/vigil.schema.json} at build time). */
    public static final String RESOURCE = "/dev/vigil/policy/config/vigil.schema.json";

    private static final Schema SCHEMA = load();

    private ConfigSchema() {}

    private static Schema load() {
        try (InputStream in = ConfigSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            JsonNode json = new ObjectMapper().readTree(in);
            ((com.fasterxml.jackson.databind.node.ObjectNode) json).remove("$schema");
            Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(SchemaLocation.of("https://vigil.dev/schema/vigil.schema.json"), json);
            schema.initializeValidators();
            return schema;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every place where {@code root} breaks the schema, under {@code prefix} only (empty: everywhere), in document
     * order of the validator.
     */
    public static List<ConfigProblem> check(JsonNode root, PositionTree positions, String label, String prefix) {
        List<ConfigProblem> out = new ArrayList<>();
        for (Error e : SCHEMA.validate(root)) {
            String key = path(e.getInstanceLocation());
            if (!prefix.isEmpty()
                    && !(key.equals(prefix) || key.startsWith(prefix + ".") || key.startsWith(prefix + "["))) {
                continue;
            }
            int line = positions == null ? 0 : positions.find(key).line();
            out.add(new ConfigProblem(label, line, key, message(e)));
        }
        return out;
    }

    /** {@code exemptions[0].reason} from the validator's instance location. */
    static String path(NodePath location) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; location != null && i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            sb.append(element instanceof Integer index ? "[" + index + "]" : (sb.isEmpty() ? "" : ".") + element);
        }
        return sb.toString();
    }

    private static String message(Error e) {
        String m = e.getMessage();
        if (m == null) {
            return "is not valid";
        }
        int colon = m.indexOf(": ");
        return m.startsWith("$") && colon > 0 ? m.substring(colon + 2) : m;
    }
}
