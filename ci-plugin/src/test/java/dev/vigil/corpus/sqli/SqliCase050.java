package dev.vigil.corpus.sqli;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** spring -> array_other (safe) -> sink 4: safe */
@Expected(category = "sqli", cwe = 89, vulnerable = false)
@RestController
public class SqliCase050 {
    @PostMapping("/sqli/SqliCase050")
    public void handle(@RequestParam("vector") String param, HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        try {
            String[] parts = {"fixed", param};
            String bar = parts[0];
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
}
