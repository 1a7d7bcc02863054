package dev.vigil.corpus.pathtraver;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 8, propagation 1, safe sink 0: safe */
@Expected(category = "pathtraver", cwe = 22, vulnerable = false)
public class BenchmarkTest00160 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String[] values = request.getParameterValues("BenchmarkTest00160");
        String param;
        if (values != null && values.length > 0) {
            param = values[0];
        } else {
            param = "";
        }
        try {
            dev.vigil.corpus.helpers.ThingInterface thing = dev.vigil.corpus.helpers.ThingFactory.createThing();
            String bar = thing.doSomething(param);
            java.io.File base = new java.io.File(dev.vigil.corpus.helpers.Utils.TESTFILES_DIR);
            java.io.File fileTarget = new java.io.File(base, bar);
            if (!fileTarget.getCanonicalPath().startsWith(base.getCanonicalPath() + java.io.File.separator)) {
                response.sendError(403);
                return;
            }
            try (java.io.FileInputStream fis = new java.io.FileInputStream(fileTarget)) {
                response.getWriter().println("read " + fis.read());
            }
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
