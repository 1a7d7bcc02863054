package dev.vigil.corpus.sqli;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** cookie -> split -> sink 0: vulnerable */
@Expected(category = "sqli", cwe = 89, vulnerable = true)
public class SqliCase007 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "noCookieValueSupplied";
        javax.servlet.http.Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (javax.servlet.http.Cookie cookie : cookies) {
                if (cookie.getName().equals("id")) {
                    param = java.net.URLDecoder.decode(cookie.getValue(), "UTF-8");
                    break;
                }
            }
        }
        try {
            String bar = param.split(" ")[0];
            java.sql.Connection connection = java.sql.DriverManager.getConnection("jdbc:h2:mem:bench");
            String sql = "SELECT * from USERS where USERNAME='foo' and PASSWORD='" + bar + "'";
            java.sql.Statement statement = connection.createStatement();
            statement.execute(sql);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    private final org.springframework.jdbc.core.JdbcTemplate jdbcTemplate =
            new org.springframework.jdbc.core.JdbcTemplate();
    private javax.persistence.EntityManager entityManager;
    private org.hibernate.Session session;
}
