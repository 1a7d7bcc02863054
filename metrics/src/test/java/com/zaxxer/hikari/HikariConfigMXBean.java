package com.zaxxer.hikari;

/** The part of HikariCP's interface (7.x) the library reads. */
public interface HikariConfigMXBean {
    int getMinimumIdle();

    int getMaximumPoolSize();

    String getPoolName();
}
