package dev.vigil.corpus.sqli;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** param -> holder_fields (safe) -> sink 4: safe */
@Expected(category = "sqli", cwe = 89, vulnerable = false)
public class SqliCase056 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getParameter("id");
        if (param == null) param = "";
        try {
            Pair pair = new Pair();
            pair.tainted = param;
            pair.clean = "safe-oscar";
            String bar = pair.clean;
            String sql = "SELECT * FROM USERS WHERE NAME = '" + bar + "'";
            entityManager.createNativeQuery(sql).getResultList();
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    private final org.springframework.jdbc.core.JdbcTemplate jdbcTemplate =
            new org.springframework.jdbc.core.JdbcTemplate();
    private javax.persistence.EntityManager entityManager;
    private org.hibernate.Session session;

    private static final class Pair {
        String tainted;
        String clean;
    }
}
