package dev.vigil.metrics.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testsupport.Requirements;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * JDBC statements through HikariCP 7 and through a plain DriverManager connection to H2 (sample {@code jdbc}), timed by
 * the packaged agent on Java 17 and 25: exact counts per operation (so a pool proxy delegating to the driver is not
 * counted twice), the pool's gauges, and no SQL text anywhere on the endpoint.
 */
class JdbcIT {
    private static final String OK =
            "jdbc_statements_seconds_count{db=\"h2\",exception=\"none\",operation=\"%s\"," + "outcome=\"SUCCESS\"} %d";
    private static final String FAILED = "jdbc_statements_seconds_count{db=\"h2\","
            + "exception=\"JdbcSQLSyntaxErrorException\",operation=\"%s\",outcome=\"ERROR\"} 1";

    private static SampleApp start(String java, String args) throws Exception {
        String home = java.equals("17") ? SampleApp.java17() : SampleApp.java25();
        Requirements.path("java-" + java, Path.of(home, "bin", "java"), "runs the sample app on JDK " + java);
        return SampleApp.start("jdbc", home, args, List.of("jdbc"), "JdbcApp", List.of(), "0");
    }

    @ParameterizedTest(name = "Java {0}")
    @ValueSource(strings = {"17", "25"})
    void timesStatementsByOperationOnceThroughThePoolAndWatchesIt(String java) throws Exception {
        try (SampleApp app = start(java, "port=0")) {
            String text = app.scrape(null);

            assertThat(text)
                    .contains(String.format(OK, "ddl", 2))
                    .contains(String.format(OK, "insert", 5))
                    .contains(String.format(OK, "select", 7))
                    .contains(String.format(OK, "update", 1))
                    .contains(String.format(OK, "delete", 1))
                    .contains(String.format(OK, "batch", 2))
                    .contains(String.format(OK, "call", 1))
                    .contains(String.format(FAILED, "select"))
                    .contains(String.format(FAILED, "update"))
                    .contains("jdbc_statements_seconds_sum{db=\"h2\",exception=\"none\",operation=\"insert\"")
                    .contains("jdbc_statements_seconds_max{db=\"h2\",exception=\"none\",operation=\"insert\"")
                    .contains("hikaricp_connections_active{pool=\"vigil-pool\"} 1.0")
                    .contains("hikaricp_connections_max{pool=\"vigil-pool\"} 4.0")
                    .contains("hikaricp_connections_min{pool=\"vigil-pool\"} 2.0")
                    .contains("hikaricp_connections_pending{pool=\"vigil-pool\"} 0.0")
                    .containsPattern("hikaricp_connections_idle\\{pool=\"vigil-pool\"} [0-9.]+")
                    .containsPattern("hikaricp_connections\\{pool=\"vigil-pool\"} [1-4]\\.0");
            assertThat(count(text)).as("statements recorded in all").isEqualTo(2 + 5 + 7 + 1 + 1 + 2 + 1 + 2);
            assertNoSql(text);
            assertNoSql(app.log());
            assertThat(app.log()).doesNotContain("[vigil-metrics] WARN");

            Path promtool = Requirements.tool("promtool", "Debian package prometheus");
            Tools.Result r = Tools.promtoolCheckMetrics(promtool, text);
            assertThat(r.output()).as("promtool check metrics").isEmpty();
            assertThat(r.exitCode()).isZero();
            String om = app.scrape("application/openmetrics-text; version=1.0.0");
            assertThat(om).contains("jdbc_statements_seconds_count{").contains("hikaricp_connections_active{");
            assertNoSql(om);
            Tools.Result rom = Tools.promtoolCheckMetrics(promtool, Tools.openMetricsAsText(om));
            assertThat(rom.output())
                    .as("promtool check metrics (OpenMetrics as text)")
                    .isEmpty();
            assertThat(rom.exitCode()).isZero();
        }
    }

    @Test
    void openTelemetryNames() throws Exception {
        // jvm=false: the lint is about the JDBC and pool families (and the OTel JVM names are not this test's business)
        try (SampleApp app = start("17", "port=0,naming=otel,jvm=false")) {
            String text = app.scrape(null);

            assertThat(text)
                    .contains("db_client_operation_duration_seconds_count{db_operation_name=\"insert\","
                            + "db_system_name=\"h2\",error_type=\"none\"} 5")
                    .contains("db_client_operation_duration_seconds_count{db_operation_name=\"select\","
                            + "db_system_name=\"h2\",error_type=\"JdbcSQLSyntaxErrorException\"} 1")
                    .contains("db_client_connection_count_connections{db_client_connection_pool_name=\"vigil-pool\","
                            + "db_client_connection_state=\"used\"} 1.0")
                    .contains("db_client_connection_max{db_client_connection_pool_name=\"vigil-pool\"} 4.0")
                    .contains("db_client_connection_idle_min{db_client_connection_pool_name=\"vigil-pool\"} 2.0")
                    .contains("db_client_connection_pending_requests{db_client_connection_pool_name=\"vigil-pool\"}")
                    .doesNotContain("jdbc_statements")
                    .doesNotContain("hikaricp_");
            assertNoSql(text);

            Path promtool = Requirements.tool("promtool", "Debian package prometheus");
            Tools.Result r = Tools.promtoolCheckMetrics(promtool, text);
            assertThat(r.output()).as("promtool check metrics").isEmpty();
            assertThat(r.exitCode()).isZero();
        }
    }

    @Test
    void jdbcFalseLeavesStatementsAndPoolsAlone() throws Exception {
        try (SampleApp app = start("17", "port=0,jdbc=false")) {
            String text = app.scrape(null);
            assertThat(text)
                    .contains("metrics_agent_info")
                    .doesNotContain("jdbc_")
                    .doesNotContain("hikaricp_");
        }
    }

    private static void assertNoSql(String s) {
        assertThat(s)
                .doesNotContainIgnoringCase("secret_orders")
                .doesNotContainIgnoringCase("missing_secret_table")
                .doesNotContain("s3cr3t")
                .doesNotContainIgnoringCase("select ")
                .doesNotContainIgnoringCase("insert into");
    }

    private static long count(String text) {
        Matcher m = Pattern.compile("(?m)^jdbc_statements_seconds_count\\{[^}]*} ([0-9]+)")
                .matcher(text);
        long n = 0;
        while (m.find()) {
            n += Long.parseLong(m.group(1));
        }
        return n;
    }
}
