package com.zaxxer.hikari;

/** The shape of HikariCP's interface (7.x), so the library's reflective gauges can be tested without HikariCP. */
public interface HikariPoolMXBean {
    int getIdleConnections();

    int getActiveConnections();

    int getTotalConnections();

    int getThreadsAwaitingConnection();
}
