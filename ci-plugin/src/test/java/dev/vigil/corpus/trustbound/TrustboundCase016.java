package dev.vigil.corpus.trustbound;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** spring -> map_same_key -> sink 2: vulnerable */
@Expected(category = "trustbound", cwe = 501, vulnerable = true)
@RestController
public class TrustboundCase016 {
    @PostMapping("/trustbound/TrustboundCase016")
    public void handle(@RequestParam("vector") String param, HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        try {
            java.util.HashMap<String, Object> map2 = new java.util.HashMap<String, Object>();
            map2.put("keyA-2", "a-Value");
            map2.put("keyB-2", param);
            map2.put("keyC", "another-Value");
            String bar = (String) map2.get("keyB-2");
            javax.servlet.http.HttpSession httpSession = request.getSession(true);
            httpSession.putValue("profile", bar);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
