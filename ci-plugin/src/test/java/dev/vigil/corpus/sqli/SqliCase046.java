package dev.vigil.corpus.sqli;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** headers -> builder_pair (safe) -> sink 3: safe */
@Expected(category = "sqli", cwe = 89, vulnerable = false)
public class SqliCase046 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        java.util.Enumeration<String> headers = request.getHeaders("User-Agent");
        if (headers != null && headers.hasMoreElements()) {
            param = headers.nextElement();
        }
        try {
            StringBuilder dirty = new StringBuilder(param);
            StringBuilder clean = new StringBuilder("oscar");
            dirty.append("!");
            String bar = clean.append("-ok").toString();
            jdbcTemplate.update("UPDATE USERS SET NAME='" + bar + "' WHERE ID=1");
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    private final org.springframework.jdbc.core.JdbcTemplate jdbcTemplate =
            new org.springframework.jdbc.core.JdbcTemplate();
    private javax.persistence.EntityManager entityManager;
    private org.hibernate.Session session;
}
