package dev.vigil.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsConfigTest {
    @Test
    void defaultsBindLoopbackOnTheOpenTelemetryPrometheusPort() {
        MetricsConfig c = MetricsConfig.defaults();
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.portFrom()).isEqualTo(9464);
        assertThat(c.path()).isEqualTo("/metrics");
        assertThat(c.naming()).isEqualTo(MetricsConfig.Naming.MICROMETER);
        assertThat(c.toString()).contains("port=9464", "auth=none", "coexist=app");
        assertThat(c.coexist()).isEqualTo(MetricsConfig.Coexist.APP);
        assertThat(c.portDefaulted()).isTrue();
        assertThat(MetricsConfig.parse("coexist=AGENT", Map.of(), Map.of()).coexist())
                .isEqualTo(MetricsConfig.Coexist.AGENT);
        // a port given anywhere, even 9464 itself, is never failed over
        assertThat(MetricsConfig.parse("port=9464", Map.of(), Map.of()).portDefaulted())
                .isFalse();
        assertThat(MetricsConfig.parse("", Map.of(), Map.of("VIGIL_METRICS_PORT", "9464"))
                        .portDefaulted())
                .isFalse();
    }

    @Test
    void agentArgumentsBeatSystemPropertiesBeatEnvironment() {
        MetricsConfig c = MetricsConfig.parse(
                "port=9000",
                Map.of("vigil.metrics.port", "9001", "vigil.metrics.path", "/prom"),
                Map.of("VIGIL_METRICS_PORT", "9002", "VIGIL_METRICS_PATH", "/env", "VIGIL_METRICS_MAX_ROUTES", "7"));
        assertThat(c.portFrom()).isEqualTo(9000);
        assertThat(c.path()).isEqualTo("/prom");
        assertThat(c.maxRoutes()).isEqualTo(7);
    }

    @Test
    void acceptsAPortRangeAndLists() {
        MetricsConfig c = MetricsConfig.parse("port=9464-9470,deny=jvm_gc|process,naming=otel", Map.of(), Map.of());
        assertThat(c.portFrom()).isEqualTo(9464);
        assertThat(c.portTo()).isEqualTo(9470);
        assertThat(c.deny()).containsExactly("jvm_gc", "process");
        assertThat(c.naming()).isEqualTo(MetricsConfig.Naming.OTEL);
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThatThrownBy(() -> MetricsConfig.parse(
                        "port=99999,naming=prom,histogram=yes,prot=1,maxRoutes=0,coexist=none", Map.of(), Map.of()))
                .isInstanceOf(InvalidMetricsConfigException.class)
                .satisfies(e -> assertThat(((InvalidMetricsConfigException) e).problems())
                        .containsExactlyInAnyOrder(
                                "unknown option 'prot'; did you mean 'port'? known options are "
                                        + MetricsConfig.DEFAULTS.keySet(),
                                "port was '99999' but it must be a port 0-65535 (0 = any free port) or a range like"
                                        + " 9464-9470",
                                "naming was 'prom' but it must be 'micrometer' or 'otel'",
                                "coexist was 'none' but it must be 'app', 'agent' or 'both'",
                                "histogram was 'yes' but it must be true or false",
                                "maxRoutes was '0' but it must be a positive integer"));
    }

    @Test
    void suggestsTheKnownOptionWhateverTheCaseOfAMisspeltOne() {
        // the shared did-you-mean (dev.vigil.config.Suggestions) compares without case: MAXROUTE is one edit away
        assertThatThrownBy(() -> MetricsConfig.parse("MAXROUTE=5,Histogram=true,zzzzzz=1", Map.of(), Map.of()))
                .isInstanceOf(InvalidMetricsConfigException.class)
                .satisfies(e -> assertThat(((InvalidMetricsConfigException) e).problems())
                        .containsExactly(
                                "unknown option 'MAXROUTE'; did you mean 'maxRoutes'? known options are "
                                        + MetricsConfig.DEFAULTS.keySet(),
                                "unknown option 'Histogram'; did you mean 'histogram'? known options are "
                                        + MetricsConfig.DEFAULTS.keySet(),
                                "unknown option 'zzzzzz'; known options are " + MetricsConfig.DEFAULTS.keySet()));
    }

    @Test
    void theGuardIsOffByDefault() {
        MetricsConfig c = MetricsConfig.defaults();
        assertThat(c.guard()).isEqualTo(MetricsConfig.GuardMode.OFF);
        assertThat(c.guardOutputs()).containsExactly("stderr");
        assertThat(c.guardRate()).isEqualTo(20);
        assertThat(c.guardEgress()).isEmpty();
        assertThat(c.guardRules()).isNull();
        assertThat(c.toString()).endsWith(", guard=off}");
    }

    @Test
    void guardOptionsComeFromArgumentsPropertiesAndEnvironment() {
        MetricsConfig c = MetricsConfig.parse(
                "guard=BLOCK,guard.output=stderr,guard.output=/tmp/guard.json,guard.egress=api.example.com|*.corp",
                Map.of("vigil.metrics.guard.rate", "5"),
                Map.of("VIGIL_METRICS_GUARD_ALLOW_CLASSES", "com.acme."));
        assertThat(c.guard()).isEqualTo(MetricsConfig.GuardMode.BLOCK);
        assertThat(c.guardOutputs()).containsExactly("stderr", "/tmp/guard.json");
        assertThat(c.guardEgress()).containsExactly("api.example.com", "*.corp");
        assertThat(c.guardRate()).isEqualTo(5);
        assertThat(c.guardAllowClasses()).containsExactly("com.acme.");
        assertThat(MetricsConfig.envName("guard.output")).isEqualTo("VIGIL_METRICS_GUARD_OUTPUT");
        assertThat(c.toString()).contains("guard=block", "guard.rate=5");
    }

    @Test
    void badGuardOptionsAreNamed() {
        assertThatThrownBy(() -> MetricsConfig.parse(
                        "guard=watch,guard.rate=0,guard.rules=/nonexistent/rules.yaml,guard.outptu=stdout",
                        Map.of(),
                        Map.of()))
                .isInstanceOf(InvalidMetricsConfigException.class)
                .satisfies(e -> assertThat(((InvalidMetricsConfigException) e).problems())
                        .containsExactlyInAnyOrder(
                                "guard was 'watch' but it must be 'off', 'detect' or 'block'",
                                "guard.rate was '0' but it must be a positive integer",
                                "guard.rules was '/nonexistent/rules.yaml' but it must be a readable YAML file",
                                "unknown option 'guard.outptu'; did you mean 'guard.output'? known options are "
                                        + MetricsConfig.DEFAULTS.keySet()));
    }

    @Test
    void refusesAPublicBindWithoutAuthentication() {
        assertThatThrownBy(() -> MetricsConfig.parse("host=0.0.0.0", Map.of(), Map.of()))
                .hasMessageContaining("host '0.0.0.0' is not a loopback address and no authentication is configured");
        assertThat(MetricsConfig.parse("host=0.0.0.0,allowInsecure=true", Map.of(), Map.of())
                        .host())
                .isEqualTo("0.0.0.0");
        assertThat(MetricsConfig.parse("host=0.0.0.0,bearerTokenFile=/run/token", Map.of(), Map.of())
                        .hasAuth())
                .isTrue();
    }

    @Test
    void checksBasicAuthHash() {
        assertThatThrownBy(() ->
                        MetricsConfig.parse("basicAuthUser=prom,basicAuthPasswordSha256=secret", Map.of(), Map.of()))
                .hasMessageContaining(
                        "basicAuthPasswordSha256 was '<hidden>' but it must be 64 hex digits (sha256sum of the password)");
    }

    @Test
    void namesEnvironmentVariablesInUpperSnakeCase() {
        assertThat(MetricsConfig.envName("maxSeriesPerMetric")).isEqualTo("VIGIL_METRICS_MAX_SERIES_PER_METRIC");
        assertThat(MetricsConfig.envName("port")).isEqualTo("VIGIL_METRICS_PORT");
    }
}
