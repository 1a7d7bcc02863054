package dev.vigil.corpus.pathtraver;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 11, safe propagation 1, sink 2: safe */
@Expected(category = "pathtraver", cwe = 22, vulnerable = false)
public class BenchmarkTest00149 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        if (request.getHeader("BenchmarkTest00149") != null) {
            param = request.getHeader("BenchmarkTest00149");
        }
        param = java.net.URLDecoder.decode(param, "UTF-8");
        try {
            String bar = "alsosafe";
            if (param != null) {
                java.util.List<String> valuesList = new java.util.ArrayList<String>();
                valuesList.add("safe");
                valuesList.add(param);
                valuesList.add("moresafe");
                valuesList.remove(0);
                bar = valuesList.get(1);
            }
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
