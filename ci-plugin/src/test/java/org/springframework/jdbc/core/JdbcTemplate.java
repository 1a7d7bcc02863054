package org.springframework.jdbc.core;

import java.util.List;
import java.util.Map;

/** Test stub of a third-party type: the security rules match it by name. */
public class JdbcTemplate {
    public List<Map<String, Object>> queryForList(String sql) {
        return null;
    }

    public List<Map<String, Object>> queryForList(String sql, Object... args) {
        return null;
    }

    public <T> T queryForObject(String sql, Class<T> type) {
        return null;
    }

    public <T> T queryForObject(String sql, Class<T> type, Object... args) {
        return null;
    }

    public int update(String sql) {
        return 0;
    }

    public int update(String sql, Object... args) {
        return 0;
    }

    public void execute(String sql) {}
}
