package dev.vigil.corpus.xss;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 2, propagation 12, sink 3: vulnerable */
@Expected(category = "xss", cwe = 79, vulnerable = true)
public class BenchmarkTest00216 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        java.util.Enumeration<String> headers = request.getHeaders("Referer");
        if (headers != null && headers.hasMoreElements()) {
            param = headers.nextElement();
        }
        param = java.net.URLDecoder.decode(param, "UTF-8");
        try {
            String bar = dev.vigil.corpus.helpers.Utils.passThrough("ignored", param);
            response.setHeader("X-XSS-Protection", "0");
            int length = 1;
            if (bar != null) {
                length = bar.length();
                response.getWriter().write(bar, 0, length);
            }
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
