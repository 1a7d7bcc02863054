package dev.vigil.corpus.xss;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 11, propagation 1, safe sink 0: safe */
@Expected(category = "xss", cwe = 79, vulnerable = false)
public class BenchmarkTest00236 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        if (request.getHeader("BenchmarkTest00236") != null) {
            param = request.getHeader("BenchmarkTest00236");
        }
        param = java.net.URLDecoder.decode(param, "UTF-8");
        try {
            dev.vigil.corpus.helpers.ThingInterface thing = dev.vigil.corpus.helpers.ThingFactory.createThing();
            String bar = thing.doSomething(param);
            response.setHeader("X-XSS-Protection", "0");
            Object[] obj = {"a", org.owasp.encoder.Encode.forHtml(bar)};
            response.getWriter().format(java.util.Locale.US, "Formatted like: %1$s and %2$s.", obj);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
