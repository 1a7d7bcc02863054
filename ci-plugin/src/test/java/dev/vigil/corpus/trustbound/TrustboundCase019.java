package dev.vigil.corpus.trustbound;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** spring -> array -> sink 2: vulnerable */
@Expected(category = "trustbound", cwe = 501, vulnerable = true)
@RestController
public class TrustboundCase019 {
    @PostMapping("/trustbound/TrustboundCase019")
    public void handle(@RequestParam("vector") String param, HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        try {
            String[] parts = {"a", param, "c"};
            String bar = parts[1];
            javax.servlet.http.HttpSession httpSession = request.getSession(true);
            httpSession.putValue("profile", bar);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
