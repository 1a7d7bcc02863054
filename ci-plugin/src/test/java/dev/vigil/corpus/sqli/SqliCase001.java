package dev.vigil.corpus.sqli;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** reader -> builder -> sink 7: vulnerable */
@Expected(category = "sqli", cwe = 89, vulnerable = true)
public class SqliCase001 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getReader().readLine();
        if (param == null) param = "";
        try {
            StringBuilder sb = new StringBuilder();
            sb.append("bravo-").append(param);
            String bar = sb.toString();
            java.sql.Connection connection = java.sql.DriverManager.getConnection("jdbc:h2:mem:bench");
            java.sql.Statement statement = connection.createStatement();
            statement.addBatch("INSERT INTO LOG VALUES ('" + bar + "')");
            statement.executeBatch();
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    private final org.springframework.jdbc.core.JdbcTemplate jdbcTemplate =
            new org.springframework.jdbc.core.JdbcTemplate();
    private javax.persistence.EntityManager entityManager;
    private org.hibernate.Session session;
}
