package dev.vigil.corpus.pathtraver;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 5, propagation 12, safe sink 2: safe */
@Expected(category = "pathtraver", cwe = 22, vulnerable = false)
public class BenchmarkTest00146 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        dev.vigil.corpus.helpers.SeparateClassRequest scr = new dev.vigil.corpus.helpers.SeparateClassRequest(request);
        String param = scr.getTheParameter("BenchmarkTest00146");
        if (param == null) {
            param = "";
        }
        try {
            String bar = dev.vigil.corpus.helpers.Utils.passThrough("ignored", param);
            java.nio.file.Path base = java.nio.file.Paths.get(dev.vigil.corpus.helpers.Utils.TESTFILES_DIR)
                    .normalize();
            java.nio.file.Path path = base.resolve(bar).normalize();
            if (path.startsWith(base)) {
                try (java.io.InputStream is =
                        java.nio.file.Files.newInputStream(path, java.nio.file.StandardOpenOption.READ)) {
                    response.getWriter().println("read " + is.read());
                }
            }
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
