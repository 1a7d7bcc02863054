package dev.vigil.corpus.sqli;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** header -> helper -> safe sink 0: safe */
@Expected(category = "sqli", cwe = 89, vulnerable = false)
public class SqliCase057 extends HttpServlet {
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
            String bar = prepare(param);
            java.sql.Connection connection = java.sql.DriverManager.getConnection("jdbc:h2:mem:bench");
            java.sql.PreparedStatement ps =
                    connection.prepareStatement("SELECT * from USERS where USERNAME=? and PASSWORD='foo'");
            ps.setString(1, bar);
            ps.execute();
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    private final org.springframework.jdbc.core.JdbcTemplate jdbcTemplate =
            new org.springframework.jdbc.core.JdbcTemplate();
    private javax.persistence.EntityManager entityManager;
    private org.hibernate.Session session;

    private static String prepare(String in) {
        String out = in;
        if (out.length() > 1000) {
            out = out.substring(0, 1000);
        }
        return out;
    }
}
