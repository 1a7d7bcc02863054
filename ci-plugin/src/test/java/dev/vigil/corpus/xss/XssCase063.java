package dev.vigil.corpus.xss;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** values -> ternary -> safe sink 1: safe */
@Expected(category = "xss", cwe = 79, vulnerable = false)
public class XssCase063 extends HttpServlet {
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
            int num = 196;
            String bar = (7 * 42) - num > 200 ? "This should never happen" : param;
            response.getWriter().println(org.owasp.encoder.Encode.forHtml(bar));
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
