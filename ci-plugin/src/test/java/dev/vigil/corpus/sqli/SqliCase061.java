package dev.vigil.corpus.sqli;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** spring -> helper_branch -> safe sink 5: safe */
@Expected(category = "sqli", cwe = 89, vulnerable = false)
@RestController
public class SqliCase061 {
    @PostMapping("/sqli/SqliCase061")
    public void handle(@RequestParam("vector") String param, HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        try {
            String bar = doSomething(request, param);
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

    private static String doSomething(HttpServletRequest request, String param) throws IOException {
        String bar;
        int num = 86;
        if ((7 * 42) - num > 200) bar = param;
        else bar = "This_should_never_happen";
        return bar;
    }
}
