package dev.vigil.corpus.cmdi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** spring -> map_other_key (safe) -> sink 1: safe */
@Expected(category = "cmdi", cwe = 78, vulnerable = false)
@RestController
public class CmdiCase046 {
    @PostMapping("/cmdi/CmdiCase046")
    public void handle(@RequestParam("vector") String param, HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        try {
            java.util.HashMap<String, Object> map4 = new java.util.HashMap<String, Object>();
            map4.put("keyA-4", "a_Value");
            map4.put("keyB-4", param);
            map4.put("keyC", "another_Value");
            String bar = (String) map4.get("keyA-4");
            String[] args = {"/bin/sh", "-c", "echo " + bar};
            Process p = Runtime.getRuntime().exec(args);
            p.waitFor();
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
