package dev.vigil.corpus.cmdi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** spring -> list_other_index (safe) -> sink 0: safe */
@Expected(category = "cmdi", cwe = 78, vulnerable = false)
@RestController
public class CmdiCase050 {
    @PostMapping("/cmdi/CmdiCase050")
    public void handle(@RequestParam("vector") String param, HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        try {
            java.util.List<String> valuesList = new java.util.ArrayList<String>();
            valuesList.add("safe");
            valuesList.add(param);
            valuesList.add("moresafe");
            valuesList.remove(0);
            String bar = valuesList.get(1);
            Runtime.getRuntime().exec("echo " + bar);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
