package dev.vigil.corpus.xss;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** headers -> buffer -> safe sink 2: safe */
@Expected(category = "xss", cwe = 79, vulnerable = false)
public class XssCase057 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        java.util.Enumeration<String> headers = request.getHeaders("X-Forwarded-Host");
        if (headers != null && headers.hasMoreElements()) {
            param = headers.nextElement();
        }
        try {
            StringBuffer buf = new StringBuffer(param);
            String bar = buf.substring(0);
            response.getWriter().write(org.springframework.web.util.HtmlUtils.htmlEscape(bar));
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
