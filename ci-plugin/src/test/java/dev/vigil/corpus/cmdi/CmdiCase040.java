package dev.vigil.corpus.cmdi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** map -> numeric (safe) -> sink 4: safe */
@Expected(category = "cmdi", cwe = 78, vulnerable = false)
public class CmdiCase040 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        java.util.Map<String, String[]> parameters = request.getParameterMap();
        if (parameters != null) {
            String[] values = parameters.get("file");
            if (values != null) param = values[0];
        }
        try {
            int n;
            try {
                n = Integer.parseInt(param.trim());
            } catch (NumberFormatException e) {
                n = 0;
            }
            String bar = Integer.toString(n);
            String[] env = {"FOO=" + bar};
            Runtime.getRuntime().exec(new String[] {"printenv"}, env);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
