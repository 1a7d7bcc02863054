package dev.vigil.corpus.pathtraver;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** spring -> optional -> safe sink 3: safe */
@Expected(category = "pathtraver", cwe = 22, vulnerable = false)
@RestController
public class PathtraverCase055 {
    @PostMapping("/pathtraver/PathtraverCase055")
    public void handle(@RequestParam("vector") String param, HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        try {
            String bar = java.util.Optional.ofNullable(param).orElse("none");
            String name = org.apache.commons.io.FilenameUtils.getName(bar);
            java.nio.file.Files.readAllBytes(java.nio.file.Paths.get("/tmp/testfiles", name));
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
