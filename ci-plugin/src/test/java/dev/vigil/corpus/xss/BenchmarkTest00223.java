package dev.vigil.corpus.xss;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 5, safe propagation 10, sink 2: safe */
@Expected(category = "xss", cwe = 79, vulnerable = false)
public class BenchmarkTest00223 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        dev.vigil.corpus.helpers.SeparateClassRequest scr = new dev.vigil.corpus.helpers.SeparateClassRequest(request);
        String param = scr.getTheParameter("BenchmarkTest00223");
        if (param == null) {
            param = "";
        }
        try {
            StringBuilder sb = new StringBuilder();
            java.util.Map<String, String> cache = dev.vigil.corpus.helpers.Utils.remember("last", param);
            sb.append(cache.get("fixed"));
            String bar = sb.toString();
            response.setHeader("X-XSS-Protection", "0");
            response.getWriter().write(bar.toCharArray());
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
