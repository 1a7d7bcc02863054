package dev.vigil.vuln.suppress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code not_affected} statements of OpenVEX and CycloneDX VEX JSON documents. */
public final class VexReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private VexReader() {}

    /**
     * The statements of {@code file}.
     *
     * @throws IllegalArgumentException naming the file when it is not an OpenVEX or CycloneDX VEX document
     */
    public static List<Suppressions.VexStatement> read(Path file) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    file + ":" + e.getLocation().getLineNr() + ": invalid JSON: " + e.getOriginalMessage());
        }
        List<Suppressions.VexStatement> out = new ArrayList<>();
        String src = file.getFileName().toString();
        if (root != null && root.has("statements")) {
            for (JsonNode s : root.path("statements")) {
                if (!"not_affected".equals(s.path("status").asText())) {
                    continue;
                }
                JsonNode v = s.path("vulnerability");
                String id = v.isTextual()
                        ? v.asText()
                        : v.path("name").asText(v.path("@id").asText());
                List<String> products = new ArrayList<>();
                for (JsonNode p : s.path("products")) {
                    products.add(p.isTextual() ? p.asText() : p.path("@id").asText());
                    for (JsonNode sub : p.path("subcomponents")) {
                        products.add(
                                sub.isTextual() ? sub.asText() : sub.path("@id").asText());
                    }
                }
                String why = s.path("justification")
                        .asText(s.path("impact_statement").asText(""));
                out.add(new Suppressions.VexStatement(id, products, why, src));
            }
            return out;
        }
        if (root != null && root.has("vulnerabilities")) {
            for (JsonNode v : root.path("vulnerabilities")) {
                JsonNode analysis = v.path("analysis");
                if (!"not_affected".equals(analysis.path("state").asText())) {
                    continue;
                }
                List<String> products = new ArrayList<>();
                for (JsonNode a : v.path("affects")) {
                    String ref = a.path("ref").asText();
                    products.add(ref.contains("pkg:") ? ref.substring(ref.indexOf("pkg:")) : ref);
                }
                String why = analysis.path("justification")
                        .asText(analysis.path("detail").asText(""));
                out.add(new Suppressions.VexStatement(v.path("id").asText(), products, why, src));
            }
            return out;
        }
        throw new IllegalArgumentException(
                file + ": not an OpenVEX (statements) or CycloneDX VEX (vulnerabilities) document");
    }
}
