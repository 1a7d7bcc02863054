package dev.vigil.policy.fuzz;

import dev.vigil.policy.Resource;
import dev.vigil.policy.load.ManifestLoader;
import java.util.List;

/** The small workload custom rules are evaluated over in the fuzz targets. */
final class FuzzWorkload {
    static final List<Resource> WORKLOAD =
            new ManifestLoader().loadText("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, labels: {team: a}}
            spec:
              replicas: 3
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers: [{name: app, image: "registry.example/app:1.0"}]
            """, "workload.yaml").resources();

    private FuzzWorkload() {}
}
