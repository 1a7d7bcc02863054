package dev.vigil.corpus.cmdi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** spring -> builder -> safe sink 3: safe */
@Expected(category = "cmdi", cwe = 78, vulnerable = false)
@RestController
public class CmdiCase039 {
    @PostMapping("/cmdi/CmdiCase039")
    public void handle(@RequestParam("vector") String param, HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        try {
            StringBuilder sb = new StringBuilder();
            sb.append("nova-").append(param);
            String bar = sb.toString();
            Process p = new ProcessBuilder("uptime").start();
            response.getWriter().println("ran uptime for " + org.owasp.encoder.Encode.forHtml(bar));
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
