package dev.vigil.corpus.sqli;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** param -> inner -> sink 4: vulnerable */
@Expected(category = "sqli", cwe = 89, vulnerable = true)
public class SqliCase027 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getParameter("user");
        if (param == null) param = "";
        try {
            String bar = new Test().doSomething(request, param);
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

    private class Test {
        public String doSomething(HttpServletRequest request, String param) throws IOException {
            String bar = param.trim();
            return bar;
        }
    }
}
