package dev.vigil.corpus.helpers;

import java.io.IOException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.servlet.http.HttpServletResponse;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The corpus' database access, as the benchmark's helper class of the same name. */
public final class DatabaseHelper {
    private DatabaseHelper() {}

    public static final JdbcTemplate JDBCtemplate = new JdbcTemplate(new DriverManagerDataSource("jdbc:h2:mem:bench"));

    public static Connection getSqlConnection() throws SQLException {
        return DriverManager.getConnection("jdbc:h2:mem:bench");
    }

    public static Statement getSqlStatement() throws SQLException {
        return getSqlConnection().createStatement();
    }

    public static void printResults(ResultSet rs, String sql, HttpServletResponse response)
            throws SQLException, IOException {
        PrintWriter out = response.getWriter();
        if (rs == null) {
            out.write("No results can be displayed for query: "
                    + org.owasp.esapi.ESAPI.encoder().encodeForHTML(sql) + "<br>");
            return;
        }
        while (rs.next()) {
            out.write(org.owasp.esapi.ESAPI.encoder().encodeForHTML(rs.getString(1)) + "<br>");
        }
    }

    public static void printResults(String sql, int[] counts, HttpServletResponse response) throws IOException {
        response.getWriter()
                .write("For query: " + org.owasp.esapi.ESAPI.encoder().encodeForHTML(sql) + " counts: "
                        + counts.length);
    }

    public static void outputUpdateComplete(String sql, HttpServletResponse response) throws IOException {
        response.getWriter().write("Update complete for query: " + org.owasp.encoder.Encode.forHtml(sql) + "<br>\n");
    }
}
