package dev.vigil.corpus.cmdi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** values -> lambda -> sink 1: vulnerable */
@Expected(category = "cmdi", cwe = 78, vulnerable = true)
public class CmdiCase013 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        String[] values = request.getParameterValues("name");
        if (values != null && values.length > 0) {
            param = values[0];
        }
        try {
            java.util.function.Function<String, String> fn = s -> s.toLowerCase();
            String bar = fn.apply(param);
            String[] args = {"/bin/sh", "-c", "echo " + bar};
            Process p = Runtime.getRuntime().exec(args);
            p.waitFor();
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
