package dev.vigil.metrics.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.metrics.MetricsConfig;
import dev.vigil.metrics.VigilMetrics;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The callback the woven statement classes call, driven by hand in the order the woven code calls it. */
class JdbcCallbackTest {
    private VigilMetrics metrics;

    @BeforeEach
    void registry() {
        metrics = VigilMetrics.create(MetricsConfig.parse("jvm=false", Map.of(), Map.of()));
        JdbcCallback.use(metrics.jdbc());
    }

    @AfterEach
    void close() {
        metrics.close();
    }

    @Test
    void aProxyDelegatingToTheDriverCountsOnceWithTheOuterErrorAndTheRememberedOperation() {
        Object proxy = new Object();
        Object driver = new Object();
        JdbcCallback.PREPARED.accept(proxy, "INSERT INTO secret_table VALUES (?)");

        Object outer = JdbcCallback.INSTANCE.apply(proxy, null);
        Object inner = JdbcCallback.INSTANCE.apply(driver, null);
        JdbcCallback.INSTANCE.accept(inner, null);
        JdbcCallback.INSTANCE.accept(outer, null);

        Object failing = JdbcCallback.INSTANCE.apply(proxy, "update t set a = 1");
        Object failingInner = JdbcCallback.INSTANCE.apply(driver, "update t set a = 1");
        SQLException e = new SQLException("boom");
        JdbcCallback.INSTANCE.accept(failingInner, e);
        JdbcCallback.INSTANCE.accept(failing, e);

        Object batch = JdbcCallback.INSTANCE.apply(driver, Boolean.TRUE);
        JdbcCallback.INSTANCE.accept(batch, null);

        String text = metrics.registry().scrape();
        assertThat(text)
                .contains("jdbc_statements_seconds_count{db=\"other\",exception=\"none\",operation=\"insert\","
                        + "outcome=\"SUCCESS\"} 1")
                .contains("jdbc_statements_seconds_count{db=\"other\",exception=\"SQLException\","
                        + "operation=\"update\",outcome=\"ERROR\"} 1")
                .contains("jdbc_statements_seconds_count{db=\"other\",exception=\"none\",operation=\"batch\","
                        + "outcome=\"SUCCESS\"} 1")
                .doesNotContain("secret_table");
    }

    @Test
    void aLostInnerExitDoesNotLeaveTheThreadNested() {
        Object outer = JdbcCallback.INSTANCE.apply(new Object(), "select 1");
        JdbcCallback.INSTANCE.apply(new Object(), "select 1"); // its exit never comes
        JdbcCallback.INSTANCE.accept(outer, null);
        Object next = JdbcCallback.INSTANCE.apply(new Object(), "delete from t");
        JdbcCallback.INSTANCE.accept(next, null);

        assertThat(metrics.registry().scrape())
                .contains("operation=\"select\",outcome=\"SUCCESS\"} 1")
                .contains("operation=\"delete\",outcome=\"SUCCESS\"} 1");
    }

    @Test
    void nothingThrowsOnGarbage() {
        JdbcCallback.INSTANCE.accept("not a token", null);
        JdbcCallback.INSTANCE.accept(null, null);
        JdbcCallback.PREPARED.accept(null, null);
        JdbcCallback.PREPARED.accept(new Object(), 42);
        JdbcCallback.POOL.accept(new Object(), null);
        Object t = JdbcCallback.INSTANCE.apply(null, null);
        JdbcCallback.INSTANCE.accept(t, "not a throwable");
        assertThat(metrics.registry().scrape()).contains("operation=\"other\"");
    }
}
