package dev.vigil.corpus.sqli;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** param -> base64 -> safe sink 1: safe */
@Expected(category = "sqli", cwe = 89, vulnerable = false)
public class SqliCase051 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getParameter("vector");
        if (param == null) param = "";
        try {
            String bar = new String(java.util.Base64.getDecoder()
                    .decode(java.util.Base64.getEncoder().encode(param.getBytes())));
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
