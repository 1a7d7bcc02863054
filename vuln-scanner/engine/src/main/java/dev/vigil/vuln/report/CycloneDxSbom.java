package dev.vigil.vuln.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.vuln.PackageRef;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code --sbom-out}: a CycloneDX 1.6 JSON SBOM of the packages a scan found, one component per purl with its
 * location as the {@code vigil:location} property. Written with Jackson: cyclonedx-core-java 10.2.1's generator
 * needs json-schema-validator 1.x, and the reactor pins 2.x.
 */
public final class CycloneDxSbom {
    private CycloneDxSbom() {}

    /** Writes the SBOM to {@code file}, creating its folder. */
    public static void write(List<PackageRef> packages, Path file, String toolVersion) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            JsonWriter.MAPPER.writeValue(w, toJson(packages, toolVersion));
            w.write('\n');
        }
    }

    /** The SBOM as a JSON tree. */
    public static ObjectNode toJson(List<PackageRef> packages, String toolVersion) {
        ObjectNode bom = JsonWriter.MAPPER.createObjectNode();
        bom.put("bomFormat", "CycloneDX");
        bom.put("specVersion", "1.6");
        bom.put(
                "serialNumber",
                "urn:uuid:" + UUID.nameUUIDFromBytes(String.valueOf(packages).getBytes(StandardCharsets.UTF_8)));
        bom.put("version", 1);
        ObjectNode tool = bom.putObject("metadata")
                .putObject("tools")
                .putArray("components")
                .addObject();
        tool.put("type", "application");
        tool.put("name", "vigil-scan");
        tool.put("version", toolVersion);
        Map<String, PackageRef> byPurl = new LinkedHashMap<>();
        for (PackageRef p : packages) {
            byPurl.putIfAbsent(p.purl(), p);
        }
        ArrayNode components = bom.putArray("components");
        for (PackageRef p : byPurl.values()) {
            ObjectNode c = components.addObject();
            c.put("type", "library");
            c.put("bom-ref", p.purl());
            int colon = p.name().indexOf(':');
            if (p.ecosystem().equals("Maven") && colon > 0) {
                c.put("group", p.name().substring(0, colon));
                c.put("name", p.name().substring(colon + 1));
            } else {
                c.put("name", p.name());
            }
            c.put("version", p.version());
            c.put("purl", p.purl());
            c.putArray("properties").addObject().put("name", "vigil:location").put("value", p.location());
        }
        return bom;
    }
}
