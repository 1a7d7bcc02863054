package dev.vigil.corpus.sqli;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** header -> direct -> sink 6: vulnerable */
@Expected(category = "sqli", cwe = 89, vulnerable = true)
public class SqliCase024 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        if (request.getHeader("X-Forwarded-Host") != null) {
            param = request.getHeader("X-Forwarded-Host");
        }
        param = java.net.URLDecoder.decode(param, "UTF-8");
        try {
            String bar = param;
            session.createQuery("from User where name = '" + bar + "'").list();
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    private final org.springframework.jdbc.core.JdbcTemplate jdbcTemplate =
            new org.springframework.jdbc.core.JdbcTemplate();
    private javax.persistence.EntityManager entityManager;
    private org.hibernate.Session session;
}
