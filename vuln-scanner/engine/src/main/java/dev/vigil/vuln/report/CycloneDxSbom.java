package dev.vigil.vuln.report;

import dev.vigil.vuln.PackageRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cyclonedx.Version;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;

/** {@code --sbom-out}: a CycloneDX 1.6 JSON SBOM of the packages a scan found (one component per purl). */
public final class CycloneDxSbom {
    private CycloneDxSbom() {}

    /** Writes the SBOM to {@code file}. */
    public static void write(List<PackageRef> packages, Path file, String toolVersion) throws IOException {
        Bom bom = new Bom();
        Metadata md = new Metadata();
        Component tool = new Component();
        tool.setType(Component.Type.APPLICATION);
        tool.setName("vigil-scan");
        tool.setVersion(toolVersion);
        md.setToolChoice(new org.cyclonedx.model.metadata.ToolInformation());
        md.getToolChoice().setComponents(List.of(tool));
        bom.setMetadata(md);
        Map<String, Component> byPurl = new LinkedHashMap<>();
        for (PackageRef p : packages) {
            if (byPurl.containsKey(p.purl())) {
                continue;
            }
            Component c = new Component();
            c.setType(Component.Type.LIBRARY);
            int colon = p.name().indexOf(':');
            if (p.ecosystem().equals("Maven") && colon > 0) {
                c.setGroup(p.name().substring(0, colon));
                c.setName(p.name().substring(colon + 1));
            } else {
                c.setName(p.name());
            }
            c.setVersion(p.version());
            c.setPurl(p.purl());
            c.setBomRef(p.purl());
            Property location = new Property();
            location.setName("vigil:location");
            location.setValue(p.location());
            c.setProperties(List.of(location));
            byPurl.put(p.purl(), c);
        }
        bom.setComponents(List.copyOf(byPurl.values()));
        String json;
        try {
            json = BomGeneratorFactory.createJson(Version.VERSION_16, bom).toJsonString();
        } catch (org.cyclonedx.exception.GeneratorException e) {
            throw new IOException("CycloneDX generation failed: " + e.getMessage(), e);
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, json, StandardCharsets.UTF_8);
    }
}
