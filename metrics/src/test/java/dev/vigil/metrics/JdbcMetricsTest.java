package dev.vigil.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLSyntaxErrorException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JdbcMetricsTest {
    private static final String SECRET = "SELECT card_number FROM secret_cards WHERE owner = 'alice'";

    @Test
    void recordsByOperationAndDatabaseWithoutTheSqlText() {
        try (VigilMetrics m = VigilMetrics.create(MetricsConfig.parse("jvm=false", Map.of(), Map.of()))) {
            JdbcMetrics jdbc = m.jdbc();
            jdbc.record(JdbcMetrics.operation(SECRET), "h2", null, 2_000_000);
            jdbc.record(JdbcMetrics.operation(SECRET), "h2", null, 4_000_000);
            jdbc.record("batch", "h2", null, 1_000_000);
            jdbc.record("insert", "postgresql", new SQLSyntaxErrorException("no table secret_cards"), 1_000_000);
            jdbc.record(SECRET, "H2", null, 1);

            String text = m.registry().scrape();

            assertThat(text)
                    .contains("jdbc_statements_seconds_count{db=\"h2\",exception=\"none\",operation=\"select\","
                            + "outcome=\"SUCCESS\"} 2")
                    .contains("jdbc_statements_seconds_sum{db=\"h2\",exception=\"none\",operation=\"select\","
                            + "outcome=\"SUCCESS\"} 0.006")
                    .contains("jdbc_statements_seconds_max{db=\"h2\",exception=\"none\",operation=\"select\","
                            + "outcome=\"SUCCESS\"} 0.004")
                    .contains("jdbc_statements_seconds_count{db=\"h2\",exception=\"none\",operation=\"batch\","
                            + "outcome=\"SUCCESS\"} 1")
                    .contains("jdbc_statements_seconds_count{db=\"postgresql\",exception=\"SQLSyntaxErrorException\","
                            + "operation=\"insert\",outcome=\"ERROR\"} 1")
                    // an operation that is not one of the known words is never used as a label value
                    .contains("jdbc_statements_seconds_count{db=\"h2\",exception=\"none\",operation=\"other\","
                            + "outcome=\"SUCCESS\"} 1")
                    .doesNotContain("secret_cards")
                    .doesNotContain("card_number")
                    .doesNotContain("alice");
        }
    }

    @Test
    void theJdbcOptionIsOnByDefaultAndValidated() {
        assertThat(MetricsConfig.defaults().jdbc()).isTrue();
        assertThat(MetricsConfig.parse("", Map.of(), Map.of("VIGIL_METRICS_JDBC", "false"))
                        .jdbc())
                .isFalse();
        assertThatThrownBy(() -> MetricsConfig.parse("jdbc=maybe", Map.of(), Map.of()))
                .isInstanceOf(InvalidMetricsConfigException.class)
                .hasMessageContaining("jdbc was 'maybe' but it must be true or false");
    }

    @Test
    void databaseNamesAreBounded() {
        assertThat(JdbcMetrics.dbOfUrl("jdbc:postgresql://db:5432/app")).isEqualTo("postgresql");
        assertThat(JdbcMetrics.dbOfUrl("jdbc:h2:mem:test")).isEqualTo("h2");
        assertThat(JdbcMetrics.dbOfUrl("jdbc:sqlserver://x")).isEqualTo("sqlserver");
        assertThat(JdbcMetrics.dbOfUrl("postgresql://x")).isNull();
        assertThat(JdbcMetrics.dbOfDriverClass("org.h2.jdbc.JdbcPreparedStatement"))
                .isEqualTo("h2");
        assertThat(JdbcMetrics.dbOfDriverClass("org.postgresql.jdbc.PgStatement"))
                .isEqualTo("postgresql");
        assertThat(JdbcMetrics.dbOfDriverClass("com.zaxxer.hikari.pool.HikariProxyStatement"))
                .isNull();
        try (VigilMetrics m = VigilMetrics.create(MetricsConfig.parse("jvm=false", Map.of(), Map.of()))) {
            for (int i = 0; i < 40; i++) {
                m.jdbc().record("select", "db" + i, null, 1);
            }
            m.jdbc().record("select", "not a name!", null, 1);
            String text = m.registry().scrape();
            assertThat(text)
                    .contains("db=\"db15\"")
                    .doesNotContain("db=\"db16\"")
                    .contains("db=\"other\"");
        }
    }

    @Test
    void hikariGaugesReadThroughWeakReferences() {
        try (VigilMetrics m = VigilMetrics.create(MetricsConfig.parse("jvm=false", Map.of(), Map.of()))) {
            FakePool pool = new FakePool();
            assertThat(m.jdbc().monitorHikariPool(pool, pool)).isEqualTo("orders-pool");
            assertThat(m.jdbc().monitorHikariPool(new Object(), pool)).isNull();

            String text = m.registry().scrape();

            assertThat(text)
                    .contains("hikaricp_connections{pool=\"orders-pool\"} 5.0")
                    .contains("hikaricp_connections_active{pool=\"orders-pool\"} 2.0")
                    .contains("hikaricp_connections_idle{pool=\"orders-pool\"} 3.0")
                    .contains("hikaricp_connections_pending{pool=\"orders-pool\"} 1.0")
                    .contains("hikaricp_connections_max{pool=\"orders-pool\"} 10.0")
                    .contains("hikaricp_connections_min{pool=\"orders-pool\"} 2.0");
        }
    }

    @Test
    void openTelemetryNames() {
        try (VigilMetrics m = VigilMetrics.create(MetricsConfig.parse("jvm=false,naming=otel", Map.of(), Map.of()))) {
            FakePool pool = new FakePool();
            m.jdbc().monitorHikariPool(pool, pool);
            m.jdbc().record("select", "h2", null, 1_000_000);
            m.jdbc().record("update", "h2", new SQLSyntaxErrorException("x"), 1_000_000);

            String text = m.registry().scrape();

            assertThat(text)
                    .contains("db_client_operation_duration_seconds_count{db_operation_name=\"select\","
                            + "db_system_name=\"h2\",error_type=\"none\"} 1")
                    .contains("db_client_operation_duration_seconds_count{db_operation_name=\"update\","
                            + "db_system_name=\"h2\",error_type=\"SQLSyntaxErrorException\"} 1")
                    .contains("db_client_connection_count_connections{db_client_connection_pool_name=\"orders-pool\","
                            + "db_client_connection_state=\"used\"} 2.0")
                    .contains("db_client_connection_count_connections{db_client_connection_pool_name=\"orders-pool\","
                            + "db_client_connection_state=\"idle\"} 3.0")
                    .contains("db_client_connection_max{db_client_connection_pool_name=\"orders-pool\"} 10.0")
                    .contains("db_client_connection_idle_min{db_client_connection_pool_name=\"orders-pool\"} 2.0")
                    .contains(
                            "db_client_connection_pending_requests{db_client_connection_pool_name=\"orders-pool\"} 1.0")
                    .doesNotContain("hikaricp")
                    .doesNotContain("jdbc_statements");
        }
    }
}
