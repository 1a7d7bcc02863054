package dev.vigil.corpus.sqli;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** query -> overwritten (safe) -> sink 0: safe */
@Expected(category = "sqli", cwe = 89, vulnerable = false)
public class SqliCase058 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String queryString = request.getQueryString();
        String paramName = "q=";
        int start = queryString == null ? -1 : queryString.indexOf(paramName);
        String param = "";
        if (start >= 0) {
            int end = queryString.indexOf("&", start);
            param = queryString.substring(start + paramName.length(), end < 0 ? queryString.length() : end);
            param = java.net.URLDecoder.decode(param, "UTF-8");
        }
        try {
            String bar = param;
            bar = "zulu-constant";
            java.sql.Connection connection = java.sql.DriverManager.getConnection("jdbc:h2:mem:bench");
            String sql = "SELECT * from USERS where USERNAME='foo' and PASSWORD='" + bar + "'";
            java.sql.Statement statement = connection.createStatement();
            statement.execute(sql);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    private final org.springframework.jdbc.core.JdbcTemplate jdbcTemplate =
            new org.springframework.jdbc.core.JdbcTemplate();
    private javax.persistence.EntityManager entityManager;
    private org.hibernate.Session session;
}
