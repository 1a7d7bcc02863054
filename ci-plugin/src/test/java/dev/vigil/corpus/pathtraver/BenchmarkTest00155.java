package dev.vigil.corpus.pathtraver;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 11, safe propagation 9, sink 4: safe */
@Expected(category = "pathtraver", cwe = 22, vulnerable = false)
public class BenchmarkTest00155 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        if (request.getHeader("BenchmarkTest00155") != null) {
            param = request.getHeader("BenchmarkTest00155");
        }
        param = java.net.URLDecoder.decode(param, "UTF-8");
        try {
            String bar;
            int num = 106;
            bar = (7 * 18) + num > 200 ? "This_should_always_happen" : param;
            java.nio.file.Path path = java.nio.file.Paths.get(dev.vigil.corpus.helpers.Utils.TESTFILES_DIR + bar);
            try (java.io.InputStream is =
                    java.nio.file.Files.newInputStream(path, java.nio.file.StandardOpenOption.READ)) {
                byte[] b = new byte[1000];
                int size = is.read(b);
                response.getWriter().println("read " + size);
            }
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
