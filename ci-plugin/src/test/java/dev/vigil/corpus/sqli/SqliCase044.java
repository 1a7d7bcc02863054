package dev.vigil.corpus.sqli;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** pathinfo -> switch_fold (safe) -> sink 8: safe */
@Expected(category = "sqli", cwe = 89, vulnerable = false)
public class SqliCase044 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getPathInfo();
        if (param == null || param.length() < 2) param = "/x";
        param = param.substring(1);
        try {
            String guess = "ABC";
            char switchTarget = guess.charAt(2);
            String bar;
            switch (switchTarget) {
                case 'A':
                    bar = param;
                    break;
                case 'B':
                    bar = param;
                    break;
                case 'C':
                case 'D':
                    bar = "bobs_your_uncle";
                    break;
                default:
                    bar = param;
                    break;
            }
            java.sql.Connection connection = java.sql.DriverManager.getConnection("jdbc:h2:mem:bench");
            connection.prepareCall("{call " + bar + "}").execute();
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    private final org.springframework.jdbc.core.JdbcTemplate jdbcTemplate =
            new org.springframework.jdbc.core.JdbcTemplate();
    private javax.persistence.EntityManager entityManager;
    private org.hibernate.Session session;
}
