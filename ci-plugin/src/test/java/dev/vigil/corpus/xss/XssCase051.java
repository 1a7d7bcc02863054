package dev.vigil.corpus.xss;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** values -> format -> safe sink 3: safe */
@Expected(category = "xss", cwe = 79, vulnerable = false)
public class XssCase051 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        String[] values = request.getParameterValues("vector");
        if (values != null && values.length > 0) {
            param = values[0];
        }
        try {
            String bar = String.format("%s", param);
            response.getWriter().print(org.apache.commons.text.StringEscapeUtils.escapeHtml4(bar));
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
