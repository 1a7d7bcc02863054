package dev.vigil.vuln.inventory;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.vuln.PackageRef;
import dev.vigil.vuln.Purl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Packages from CycloneDX (1.4–1.6) and SPDX (2.3) JSON SBOMs, by their purls. Each package's location is the SBOM
 * and the line of its purl.
 */
public final class SbomReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final long MAX_BYTES = 256L << 20;

    private SbomReader() {}

    /** Whether {@code root} is a CycloneDX or SPDX JSON document. */
    public static boolean isSbom(JsonNode root) {
        return root != null
                && root.isObject()
                && ("CycloneDX".equals(root.path("bomFormat").asText()) || root.has("spdxVersion"));
    }

    /** Reads {@code file} into {@code inventory}; a file that is not an SBOM is a problem naming it. */
    public static void read(Path file, Inventory inventory) throws IOException {
        if (Files.size(file) > MAX_BYTES) {
            inventory.problem(file + ": larger than 256 MiB");
            return;
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            inventory.problem(file + ":" + e.getLocation().getLineNr() + ": invalid JSON: " + e.getOriginalMessage());
            return;
        }
        Map<String, Integer> lines = purlLines(text);
        if (!isSbom(root)) {
            inventory.problem(file + ": not a CycloneDX or SPDX JSON SBOM (no bomFormat or spdxVersion)");
            return;
        }
        if (root.has("spdxVersion")) {
            for (JsonNode p : root.path("packages")) {
                for (JsonNode ref : p.path("externalRefs")) {
                    if ("purl".equals(ref.path("referenceType").asText())) {
                        add(ref.path("referenceLocator").asText(), file, lines, inventory);
                    }
                }
            }
        } else {
            String spec = root.path("specVersion").asText();
            if (!spec.matches("1\\.[4-6]")) {
                inventory.problem(
                        file + ": CycloneDX specVersion '" + spec + "' is not supported, expected 1.4 to 1.6");
                return;
            }
            components(root.path("metadata").path("component"), file, lines, inventory);
            for (JsonNode c : root.path("components")) {
                components(c, file, lines, inventory);
            }
        }
    }

    private static void components(JsonNode c, Path file, Map<String, Integer> lines, Inventory inventory) {
        if (c.isMissingNode()) {
            return;
        }
        if (c.hasNonNull("purl")) {
            add(c.get("purl").asText(), file, lines, inventory);
        }
        for (JsonNode child : c.path("components")) {
            components(child, file, lines, inventory);
        }
    }

    private static void add(String purl, Path file, Map<String, Integer> lines, Inventory inventory) {
        PackageRef p = Purl.parse(purl, file + ":" + lines.getOrDefault(purl, 1));
        if (p != null) {
            inventory.add(p);
        }
    }

    /**
     * The line of each purl value in the document (its first occurrence as the value of a {@code purl} or
     * {@code referenceLocator} field), found in one streaming pass: linear in the document's size.
     */
    static Map<String, Integer> purlLines(String text) throws IOException {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = MAPPER.getFactory().createParser(text)) {
            for (JsonToken t; (t = p.nextToken()) != null; ) {
                if (t == JsonToken.VALUE_STRING) {
                    String field = p.currentName();
                    if ("purl".equals(field) || "referenceLocator".equals(field)) {
                        lines.putIfAbsent(p.getText(), p.currentTokenLocation().getLineNr());
                    }
                }
            }
        }
        return lines;
    }
}
