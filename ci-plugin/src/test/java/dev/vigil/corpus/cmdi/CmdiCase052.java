package dev.vigil.corpus.cmdi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** spring -> builder_pair (safe) -> sink 5: safe */
@Expected(category = "cmdi", cwe = 78, vulnerable = false)
@RestController
public class CmdiCase052 {
    @PostMapping("/cmdi/CmdiCase052")
    public void handle(@RequestParam("vector") String param, HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        try {
            StringBuilder dirty = new StringBuilder(param);
            StringBuilder clean = new StringBuilder("delta");
            dirty.append("!");
            String bar = clean.append("-ok").toString();
            ProcessBuilder pb = new ProcessBuilder();
            pb.command("nslookup", bar);
            pb.start();
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
