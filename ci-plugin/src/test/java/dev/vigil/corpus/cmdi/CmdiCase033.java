package dev.vigil.corpus.cmdi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** values -> helper -> safe sink 3: safe */
@Expected(category = "cmdi", cwe = 78, vulnerable = false)
public class CmdiCase033 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        String[] values = request.getParameterValues("id");
        if (values != null && values.length > 0) {
            param = values[0];
        }
        try {
            String bar = prepare(param);
            Process p = new ProcessBuilder("uptime").start();
            response.getWriter().println("ran uptime for " + org.owasp.encoder.Encode.forHtml(bar));
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    private static String prepare(String in) {
        String out = in;
        if (out.length() > 1000) {
            out = out.substring(0, 1000);
        }
        return out;
    }
}
