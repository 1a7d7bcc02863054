package dev.vigil.corpus.pathtraver;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 8, safe propagation 7, sink 2: safe */
@Expected(category = "pathtraver", cwe = 22, vulnerable = false)
public class BenchmarkTest00141 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String[] values = request.getParameterValues("BenchmarkTest00141");
        String param;
        if (values != null && values.length > 0) {
            param = values[0];
        } else {
            param = "";
        }
        try {
            String bar = "";
            if (param != null) {
                bar = param.split(" ")[0];
            }
            bar = dev.vigil.corpus.helpers.Utils.DEFAULT_VALUE;
            String startURIslashes = System.getProperty("os.name").indexOf("Windows") != -1 ? "/" : "//";
            java.net.URI fileURI = new java.net.URI(
                    "file",
                    null,
                    startURIslashes + dev.vigil.corpus.helpers.Utils.TESTFILES_DIR.replace('\\', '/') + bar,
                    null,
                    null);
            java.io.File fileTarget = new java.io.File(fileURI);
            if (fileTarget.exists()) {
                response.getWriter().println(" And file already exists.");
            }
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
