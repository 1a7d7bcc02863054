package dev.vigil.corpus.cmdi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** map -> builder_pair (safe) -> sink 0: safe */
@Expected(category = "cmdi", cwe = 78, vulnerable = false)
public class CmdiCase038 extends HttpServlet {
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
            StringBuilder dirty = new StringBuilder(param);
            StringBuilder clean = new StringBuilder("zulu");
            dirty.append("!");
            String bar = clean.append("-ok").toString();
            Runtime.getRuntime().exec("echo " + bar);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
