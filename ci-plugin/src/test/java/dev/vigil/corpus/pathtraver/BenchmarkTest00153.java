package dev.vigil.corpus.pathtraver;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 5, safe propagation 7, sink 0: safe */
@Expected(category = "pathtraver", cwe = 22, vulnerable = false)
public class BenchmarkTest00153 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        dev.vigil.corpus.helpers.SeparateClassRequest scr = new dev.vigil.corpus.helpers.SeparateClassRequest(request);
        String param = scr.getTheParameter("BenchmarkTest00153");
        if (param == null) {
            param = "";
        }
        try {
            String bar = "";
            if (param != null) {
                bar = param.split(" ")[0];
            }
            bar = dev.vigil.corpus.helpers.Utils.DEFAULT_VALUE;
            String fileName = dev.vigil.corpus.helpers.Utils.TESTFILES_DIR + bar;
            java.io.FileInputStream fis = null;
            try {
                fis = new java.io.FileInputStream(new java.io.File(fileName));
                byte[] b = new byte[1000];
                int size = fis.read(b);
                response.getWriter()
                        .println("The beginning of file: '"
                                + org.owasp.esapi.ESAPI.encoder().encodeForHTML(fileName) + "' is:\n\n"
                                + org.owasp.esapi.ESAPI.encoder().encodeForHTML(new String(b, 0, Math.max(size, 0))));
            } finally {
                if (fis != null) {
                    fis.close();
                }
            }
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
