import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs a fixed set of statements against H2, through a HikariCP pool ("vigil-pool") and through a plain
 * DriverManager connection, keeps one pooled connection checked out, prints LISTENING 0 and stays up to be scraped.
 * The table and literals contain "secret" so that a test can check that no SQL text reaches the metrics.
 *
 * <p>Expected, all with db="h2": ddl 2, insert 5, select 7, update 1, delete 1, batch 2, call 1 (SUCCESS); select 1
 * and update 1 with JdbcSQLSyntaxErrorException (ERROR).
 */
public final class JdbcApp {
    static Connection held;

    public static void main(String[] args) throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:pooled;DB_CLOSE_DELAY=-1");
        config.setPoolName("vigil-pool");
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(2);
        HikariDataSource pool = new HikariDataSource(config);
        try (Connection c = pool.getConnection()) {
            work(c, 3, 2, true);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("update secret_orders set note = 'x' where id = 1");
                fails(() -> s.executeQuery("SELECT * FROM missing_secret_table"));
                try (ResultSet rs = s.executeQuery("WITH c AS (SELECT id FROM secret_orders) SELECT count(*) FROM c")) {
                    rs.next();
                }
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO secret_orders VALUES (?, ?)")) {
                for (int i = 100; i < 103; i++) {
                    p.setInt(1, i);
                    p.setString(2, "s3cr3t-batch");
                    p.addBatch();
                }
                p.executeBatch();
            }
        }
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:plain;DB_CLOSE_DELAY=-1")) {
            work(c, 2, 4, false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM secret_orders WHERE id = 1");
                fails(() -> s.executeUpdate("UPDATE missing_secret_table SET a = 1"));
                s.addBatch("INSERT INTO secret_orders VALUES (200, 's3cr3t-a')");
                s.addBatch("INSERT INTO secret_orders VALUES (201, 's3cr3t-b')");
                s.executeBatch();
            }
            try (CallableStatement call = c.prepareCall("{call ABS(-1)}")) {
                call.execute();
            }
        }
        held = pool.getConnection(); // one active connection for the gauges
        System.out.println("LISTENING 0");
        Thread.sleep(Long.MAX_VALUE);
    }

    private static void work(Connection c, int inserts, int selects, boolean comment) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE secret_orders (id INT PRIMARY KEY, note VARCHAR(100))");
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO secret_orders VALUES (?, ?)")) {
            for (int i = 1; i <= inserts; i++) {
                p.setInt(1, i);
                p.setString(2, "s3cr3t-note");
                p.executeUpdate();
            }
        }
        String select = (comment ? "/* list */ " : "") + "SELECT note FROM secret_orders WHERE id = ?";
        try (PreparedStatement p = c.prepareStatement(select)) {
            for (int i = 0; i < selects; i++) {
                p.setInt(1, 1);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                }
            }
        }
    }

    private static void fails(Action a) {
        try {
            a.run();
            throw new IllegalStateException("expected a failure");
        } catch (SQLException expected) {
            // counted as outcome ERROR
        }
    }

    interface Action {
        void run() throws SQLException;
    }
}
