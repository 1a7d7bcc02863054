package dev.vigil.corpus.xss;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 2, propagation 4, sink 5: vulnerable */
@Expected(category = "xss", cwe = 79, vulnerable = true)
public class BenchmarkTest00208 extends HttpServlet {
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
            String bar = param;
            if (param != null && param.length() > 1) {
                StringBuilder sbxyz = new StringBuilder(param);
                bar = sbxyz.replace(param.length() - "Z".length(), param.length(), "Z")
                        .toString();
            }
            response.setHeader("X-XSS-Protection", "0");
            java.io.PrintWriter out = response.getWriter();
            out.format(java.util.Locale.US, "%s", new Object[] {"<p>", bar, "</p>"});
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
