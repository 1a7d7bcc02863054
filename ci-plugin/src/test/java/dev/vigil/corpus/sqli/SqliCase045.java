package dev.vigil.corpus.sqli;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** headers -> ternary -> safe sink 1: safe */
@Expected(category = "sqli", cwe = 89, vulnerable = false)
public class SqliCase045 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        java.util.Enumeration<String> headers = request.getHeaders("X-Forwarded-Host");
        if (headers != null && headers.hasMoreElements()) {
            param = headers.nextElement();
        }
        try {
            int num = 196;
            String bar = (7 * 42) - num > 200 ? "This should never happen" : param;
            jdbcTemplate.queryForList("SELECT * FROM USERS WHERE NAME = ?", bar);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    private final org.springframework.jdbc.core.JdbcTemplate jdbcTemplate =
            new org.springframework.jdbc.core.JdbcTemplate();
    private javax.persistence.EntityManager entityManager;
    private org.hibernate.Session session;
}
