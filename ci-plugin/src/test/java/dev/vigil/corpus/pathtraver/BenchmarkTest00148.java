package dev.vigil.corpus.pathtraver;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 11, propagation 6, safe sink 0: safe */
@Expected(category = "pathtraver", cwe = 22, vulnerable = false)
public class BenchmarkTest00148 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        if (request.getHeader("BenchmarkTest00148") != null) {
            param = request.getHeader("BenchmarkTest00148");
        }
        param = java.net.URLDecoder.decode(param, "UTF-8");
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
