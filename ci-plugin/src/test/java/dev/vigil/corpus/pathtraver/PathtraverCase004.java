package dev.vigil.corpus.pathtraver;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** spring -> anonymous -> sink 2: vulnerable */
@Expected(category = "pathtraver", cwe = 22, vulnerable = true)
@RestController
public class PathtraverCase004 {
    @PostMapping("/pathtraver/PathtraverCase004")
    public void handle(@RequestParam("vector") String param, HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        try {
            java.util.function.UnaryOperator<String> op = new java.util.function.UnaryOperator<String>() {
                @Override
                public String apply(String s) {
                    return s.strip();
                }
            };
            String bar = op.apply(param);
            java.nio.file.Path p = java.nio.file.Paths.get("/tmp/testfiles", bar);
            byte[] bytes = java.nio.file.Files.readAllBytes(p);
            response.getWriter().println("size " + bytes.length);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
