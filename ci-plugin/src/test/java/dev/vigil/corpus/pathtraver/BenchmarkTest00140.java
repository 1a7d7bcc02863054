package dev.vigil.corpus.pathtraver;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 2, propagation 1, sink 1: vulnerable */
@Expected(category = "pathtraver", cwe = 22, vulnerable = true)
public class BenchmarkTest00140 extends HttpServlet {
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
            dev.vigil.corpus.helpers.ThingInterface thing = dev.vigil.corpus.helpers.ThingFactory.createThing();
            String bar = thing.doSomething(param);
            java.io.File fileTarget =
                    new java.io.File(new java.io.File(dev.vigil.corpus.helpers.Utils.TESTFILES_DIR), bar);
            response.getWriter()
                    .println("Access to file: '"
                            + org.owasp.esapi.ESAPI.encoder().encodeForHTML(fileTarget.toString()) + "' created.");
            if (fileTarget.exists()) {
                response.getWriter().println(" And file already exists.");
            }
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
