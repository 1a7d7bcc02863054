package dev.vigil.corpus.sqli;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** headers -> helper_branch -> sink 9: vulnerable */
@Expected(category = "sqli", cwe = 89, vulnerable = true)
public class SqliCase000 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        java.util.Enumeration<String> headers = request.getHeaders("X-Vector");
        if (headers != null && headers.hasMoreElements()) {
            param = headers.nextElement();
        }
        try {
            String bar = doSomething(request, param);
            Long count = jdbcTemplate.queryForObject("SELECT COUNT(*) FROM USERS WHERE NAME='" + bar + "'", Long.class);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    private final org.springframework.jdbc.core.JdbcTemplate jdbcTemplate =
            new org.springframework.jdbc.core.JdbcTemplate();
    private javax.persistence.EntityManager entityManager;
    private org.hibernate.Session session;

    private static String doSomething(HttpServletRequest request, String param) throws IOException {
        String bar;
        int num = 86;
        if ((7 * 42) - num > 200) bar = param;
        else bar = "This_should_never_happen";
        return bar;
    }
}
