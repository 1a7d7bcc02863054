package dev.vigil.corpus.xss;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 5, propagation 4, sink 2: vulnerable */
@Expected(category = "xss", cwe = 79, vulnerable = true)
public class BenchmarkTest00210 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        dev.vigil.corpus.helpers.SeparateClassRequest scr = new dev.vigil.corpus.helpers.SeparateClassRequest(request);
        String param = scr.getTheParameter("BenchmarkTest00210");
        if (param == null) {
            param = "";
        }
        try {
            String bar = param;
            if (param != null && param.length() > 1) {
                StringBuilder sbxyz = new StringBuilder(param);
                bar = sbxyz.replace(param.length() - "Z".length(), param.length(), "Z")
                        .toString();
            }
            response.setHeader("X-XSS-Protection", "0");
            response.getWriter().write(bar.toCharArray());
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
