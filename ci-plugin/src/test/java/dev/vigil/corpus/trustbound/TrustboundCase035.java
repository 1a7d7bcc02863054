package dev.vigil.corpus.trustbound;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** spring -> builder -> safe sink 1: safe */
@Expected(category = "trustbound", cwe = 501, vulnerable = false)
@RestController
public class TrustboundCase035 {
    @PostMapping("/trustbound/TrustboundCase035")
    public void handle(@RequestParam("vector") String param, HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        try {
            StringBuilder sb = new StringBuilder();
            sb.append("lima-").append(param);
            String bar = sb.toString();
            request.getSession().setAttribute("lang", "de".equals(bar) ? "de" : "en");
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
