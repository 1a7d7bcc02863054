package dev.vigil.corpus.sqli;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** spring -> inner -> sink 9: vulnerable */
@Expected(category = "sqli", cwe = 89, vulnerable = true)
@RestController
public class SqliCase013 {
    @PostMapping("/sqli/SqliCase013")
    public void handle(@RequestParam("vector") String param, HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        try {
            String bar = new Test().doSomething(request, param);
            Long count = jdbcTemplate.queryForObject("SELECT COUNT(*) FROM USERS WHERE NAME='" + bar + "'", Long.class);
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
