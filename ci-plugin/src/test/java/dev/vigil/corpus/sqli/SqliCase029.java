package dev.vigil.corpus.sqli;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** values -> helper -> sink 0: vulnerable */
@Expected(category = "sqli", cwe = 89, vulnerable = true)
public class SqliCase029 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        String[] values = request.getParameterValues("q");
        if (values != null && values.length > 0) {
            param = values[0];
        }
        try {
            String bar = prepare(param);
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

    private static String prepare(String in) {
        String out = in;
        if (out.length() > 1000) {
            out = out.substring(0, 1000);
        }
        return out;
    }
}
