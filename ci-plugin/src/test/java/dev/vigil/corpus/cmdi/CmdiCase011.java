package dev.vigil.corpus.cmdi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** spring -> list_index -> sink 4: vulnerable */
@Expected(category = "cmdi", cwe = 78, vulnerable = true)
@RestController
public class CmdiCase011 {
    @PostMapping("/cmdi/CmdiCase011")
    public void handle(@RequestParam("vector") String param, HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        try {
            java.util.List<String> valuesList = new java.util.ArrayList<String>();
            valuesList.add("safe");
            valuesList.add(param);
            valuesList.add("moresafe");
            valuesList.remove(0);
            String bar = valuesList.get(0);
            String[] env = {"FOO=" + bar};
            Runtime.getRuntime().exec(new String[] {"printenv"}, env);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
