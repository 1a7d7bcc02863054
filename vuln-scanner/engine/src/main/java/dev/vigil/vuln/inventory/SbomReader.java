package dev.vigil.vuln.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.vuln.PackageRef;
import dev.vigil.vuln.Purl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

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
        if (!isSbom(root)) {
            inventory.problem(file + ": not a CycloneDX or SPDX JSON SBOM (no bomFormat or spdxVersion)");
            return;
        }
        if (root.has("spdxVersion")) {
            for (JsonNode p : root.path("packages")) {
                for (JsonNode ref : p.path("externalRefs")) {
                    if ("purl".equals(ref.path("referenceType").asText())) {
                        add(ref.path("referenceLocator").asText(), file, text, inventory);
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
            components(root.path("metadata").path("component"), file, text, inventory);
            for (JsonNode c : root.path("components")) {
                components(c, file, text, inventory);
            }
        }
    }

    private static void components(JsonNode c, Path file, String text, Inventory inventory) {
        if (c.isMissingNode()) {
            return;
        }
        if (c.hasNonNull("purl")) {
            add(c.get("purl").asText(), file, text, inventory);
        }
        for (JsonNode child : c.path("components")) {
            components(child, file, text, inventory);
        }
    }

    private static void add(String purl, Path file, String text, Inventory inventory) {
        PackageRef p = Purl.parse(purl, file + ":" + lineOf(text, purl));
        if (p != null) {
            inventory.add(p);
        }
    }

    static int lineOf(String text, String value) {
        int at = text.indexOf("\"" + value + "\"");
        if (at < 0) {
            at = text.indexOf("\"" + value.replace("/", "\\/") + "\"");
        }
        if (at < 0) {
            return 1;
        }
        int line = 1;
        for (int i = 0; i < at; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
