package dev.vigil.corpus.xss;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 1, propagation 1, sink 3: vulnerable */
@Expected(category = "xss", cwe = 79, vulnerable = true)
public class BenchmarkTest00207 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        java.util.Enumeration<String> names = request.getHeaderNames();
        while (names.hasMoreElements()) {
            String name = (String) names.nextElement();
            if (dev.vigil.corpus.helpers.Utils.commonHeaders.contains(name)) {
                continue;
            }
            java.util.Enumeration<String> values = request.getHeaders(name);
            if (values != null && values.hasMoreElements()) {
                param = name;
                break;
            }
        }
        try {
            dev.vigil.corpus.helpers.ThingInterface thing = dev.vigil.corpus.helpers.ThingFactory.createThing();
            String bar = thing.doSomething(param);
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
