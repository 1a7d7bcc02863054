package dev.vigil.policy.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateLineMapTest {
    private static final String TEMPLATE = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: {{ .Release.Name }}-cfg
              labels:
                {{- include "labels" . | nindent 4 }}
            data:
              {{- range $k, $v := .Values.data }}
              {{ $k }}: {{ $v | quote }}
              {{- end }}
              extra: {{ .Values.extra }}
            """;

    @Test
    void literalLinesRangeBodiesAndExpressionOutputAreTold() {
        TemplateLineMap map = new TemplateLineMap(TEMPLATE);
        List<String> rendered = List.of(
                "apiVersion: v1",
                "kind: ConfigMap",
                "metadata:",
                "  name: shop-cfg",
                "  labels:",
                "    app: shop",
                "    tier: web",
                "data:",
                "  a: \"1\"",
                "  b: \"2\"",
                "  extra: x");
        TemplateLineMap.Target[] t = map.map(rendered, 0);
        assertThat(t).extracting(TemplateLineMap.Target::line).containsExactly(1, 2, 3, 4, 5, 6, 6, 7, 9, 9, 11);
        assertThat(t[5].kind()).isEqualTo(TemplateLineMap.Kind.EXPRESSION);
        assertThat(t[5].column()).isEqualTo(5);
        assertThat(t[8].kind()).isEqualTo(TemplateLineMap.Kind.EXACT);
        // a field in literal text keeps its column; one written by an action starts at the action
        assertThat(t[3].columnFor(3)).isEqualTo(3);
        assertThat(t[8].columnFor(3)).isEqualTo(3);
    }

    @Test
    void unmatchableLinesWithoutAnActionAreUnmapped() {
        TemplateLineMap map = new TemplateLineMap("apiVersion: v1\nkind: Pod\n");
        TemplateLineMap.Target[] t = map.map(List.of("apiVersion: v1", "kind: Pod", "spec: {}"), 0);
        assertThat(t[2].kind()).isEqualTo(TemplateLineMap.Kind.UNMAPPED);
        assertThat(t[2].columnFor(1)).isZero();
    }

    @Test
    void kubeVersionConstraintsFollowHelmsSemverSyntax() {
        int[] v133 = {1, 33, 0};
        assertThat(KubeVersionConstraint.satisfies(">=1.25.0-0", v133)).isTrue();
        assertThat(KubeVersionConstraint.satisfies(">= 1.19.0-0, < 1.30.0-0", v133))
                .isFalse();
        assertThat(KubeVersionConstraint.satisfies("<1.20 || >=1.33", v133)).isTrue();
        assertThat(KubeVersionConstraint.satisfies("~1.33", v133)).isTrue();
        assertThat(KubeVersionConstraint.satisfies("^2.0", v133)).isFalse();
        assertThat(KubeVersionConstraint.satisfies("1.33.x", v133)).isTrue();
        assertThat(KubeVersionConstraint.satisfies("banana", v133)).isNull();
    }
}
