package dev.vigil.corpus.pathtraver;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** spring -> switch_char -> safe sink 1: safe */
@Expected(category = "pathtraver", cwe = 22, vulnerable = false)
@RestController
public class PathtraverCase049 {
    @PostMapping("/pathtraver/PathtraverCase049")
    public void handle(@RequestParam("vector") String param, HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        try {
            String guess = "ABC";
            char switchTarget = guess.charAt(1);
            String bar;
            switch (switchTarget) {
                case 'A':
                    bar = "a_Value";
                    break;
                case 'B':
                    bar = param;
                    break;
                default:
                    bar = "bob's your uncle";
                    break;
            }
            java.io.File dir = new java.io.File("/tmp/testfiles");
            java.io.File f = new java.io.File(dir, bar);
            if (!f.getCanonicalPath().startsWith(dir.getCanonicalPath() + java.io.File.separator)) {
                response.sendError(403);
                return;
            }
            new java.io.FileInputStream(f).close();
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
