package dev.vigil.metrics;

import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariPoolMXBean;

/** A pool with fixed numbers, shaped like HikariCP's (the IT uses the real one). */
final class FakePool implements HikariPoolMXBean, HikariConfigMXBean {
    @Override
    public int getIdleConnections() {
        return 3;
    }

    @Override
    public int getActiveConnections() {
        return 2;
    }

    @Override
    public int getTotalConnections() {
        return 5;
    }

    @Override
    public int getThreadsAwaitingConnection() {
        return 1;
    }

    @Override
    public int getMinimumIdle() {
        return 2;
    }

    @Override
    public int getMaximumPoolSize() {
        return 10;
    }

    @Override
    public String getPoolName() {
        return "orders-pool";
    }
}
