package dev.vigil.corpus.pathtraver;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 1, propagation 6, safe sink 2: safe */
@Expected(category = "pathtraver", cwe = 22, vulnerable = false)
public class BenchmarkTest00144 extends HttpServlet {
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
            String bar;
            String guess = "ABC";
            char switchTarget = guess.charAt(1);
            switch (switchTarget) {
                case 'A':
                    bar = "a_Value";
                    break;
                case 'B':
                    bar = param;
                    break;
                case 'C':
                case 'D':
                    bar = "bobs_your_uncle";
                    break;
                default:
                    bar = "bobs_your_uncle";
                    break;
            }
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
