package dev.vigil.corpus.pathtraver;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** spring -> lambda_length (safe) -> sink 0: safe */
@Expected(category = "pathtraver", cwe = 22, vulnerable = false)
@RestController
public class PathtraverCase062 {
    @PostMapping("/pathtraver/PathtraverCase062")
    public void handle(@RequestParam("vector") String param, HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        try {
            java.util.function.Function<String, String> fn = s -> "len-" + s.length();
            String bar = fn.apply(param);
            java.io.File file = new java.io.File("/tmp/testfiles/" + bar);
            try (java.io.FileInputStream in = new java.io.FileInputStream(file)) {
                response.getWriter().println("read " + in.read());
            }
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
