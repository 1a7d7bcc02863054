package dev.vigil.corpus.cmdi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** param -> array -> safe sink 3: safe */
@Expected(category = "cmdi", cwe = 78, vulnerable = false)
public class CmdiCase063 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getParameter("id");
        if (param == null) param = "";
        try {
            String[] parts = {"a", param, "c"};
            String bar = parts[1];
            Process p = new ProcessBuilder("uptime").start();
            response.getWriter().println("ran uptime for " + org.owasp.encoder.Encode.forHtml(bar));
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
