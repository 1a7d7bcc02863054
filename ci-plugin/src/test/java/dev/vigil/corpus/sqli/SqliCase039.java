package dev.vigil.corpus.sqli;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** map -> base64 -> safe sink 5: safe */
@Expected(category = "sqli", cwe = 89, vulnerable = false)
public class SqliCase039 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        java.util.Map<String, String[]> parameters = request.getParameterMap();
        if (parameters != null) {
            String[] values = parameters.get("id");
            if (values != null) param = values[0];
        }
        try {
            String bar = new String(java.util.Base64.getDecoder()
                    .decode(java.util.Base64.getEncoder().encode(param.getBytes())));
            java.sql.Connection connection = java.sql.DriverManager.getConnection("jdbc:h2:mem:bench");
            int id = Integer.parseInt(bar);
            connection.createStatement().execute("SELECT * FROM USERS WHERE ID=" + id);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    private final org.springframework.jdbc.core.JdbcTemplate jdbcTemplate =
            new org.springframework.jdbc.core.JdbcTemplate();
    private javax.persistence.EntityManager entityManager;
    private org.hibernate.Session session;
}
