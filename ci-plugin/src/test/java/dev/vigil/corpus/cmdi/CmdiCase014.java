package dev.vigil.corpus.cmdi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** spring -> optional -> sink 4: vulnerable */
@Expected(category = "cmdi", cwe = 78, vulnerable = true)
@RestController
public class CmdiCase014 {
    @PostMapping("/cmdi/CmdiCase014")
    public void handle(@RequestParam("vector") String param, HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        try {
            String bar = java.util.Optional.ofNullable(param).orElse("none");
            String[] env = {"FOO=" + bar};
            Runtime.getRuntime().exec(new String[] {"printenv"}, env);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
