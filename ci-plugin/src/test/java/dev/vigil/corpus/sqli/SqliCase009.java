package dev.vigil.corpus.sqli;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** headers -> optional -> sink 2: vulnerable */
@Expected(category = "sqli", cwe = 89, vulnerable = true)
public class SqliCase009 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        java.util.Enumeration<String> headers = request.getHeaders("Referer");
        if (headers != null && headers.hasMoreElements()) {
            param = headers.nextElement();
        }
        try {
            String bar = java.util.Optional.ofNullable(param).orElse("none");
            String sql = "SELECT * from USERS where USERNAME='" + bar + "'";
            jdbcTemplate.queryForList(sql);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    private final org.springframework.jdbc.core.JdbcTemplate jdbcTemplate =
            new org.springframework.jdbc.core.JdbcTemplate();
    private javax.persistence.EntityManager entityManager;
    private org.hibernate.Session session;
}
