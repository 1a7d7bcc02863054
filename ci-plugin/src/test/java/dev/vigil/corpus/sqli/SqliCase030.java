package dev.vigil.corpus.sqli;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** values -> buffer -> sink 1: vulnerable */
@Expected(category = "sqli", cwe = 89, vulnerable = true)
public class SqliCase030 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        String[] values = request.getParameterValues("vector");
        if (values != null && values.length > 0) {
            param = values[0];
        }
        try {
            StringBuffer buf = new StringBuffer(param);
            String bar = buf.substring(0);
            java.sql.Connection connection = java.sql.DriverManager.getConnection("jdbc:h2:mem:bench");
            String sql = "SELECT TOP 1 USERNAME from USERS where USERNAME='" + bar + "'";
            connection.prepareStatement(sql).executeQuery();
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    private final org.springframework.jdbc.core.JdbcTemplate jdbcTemplate =
            new org.springframework.jdbc.core.JdbcTemplate();
    private javax.persistence.EntityManager entityManager;
    private org.hibernate.Session session;
}
