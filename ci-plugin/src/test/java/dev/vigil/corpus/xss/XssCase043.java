package dev.vigil.corpus.xss;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** headers -> optional -> safe sink 3: safe */
@Expected(category = "xss", cwe = 79, vulnerable = false)
public class XssCase043 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        java.util.Enumeration<String> headers = request.getHeaders("X-Vector");
        if (headers != null && headers.hasMoreElements()) {
            param = headers.nextElement();
        }
        try {
            String bar = java.util.Optional.ofNullable(param).orElse("none");
            response.getWriter().print(org.apache.commons.text.StringEscapeUtils.escapeHtml4(bar));
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
