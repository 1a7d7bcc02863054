package dev.vigil.corpus.pathtraver;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 5, propagation 7, sink 3: vulnerable */
@Expected(category = "pathtraver", cwe = 22, vulnerable = true)
public class BenchmarkTest00123 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        dev.vigil.corpus.helpers.SeparateClassRequest scr = new dev.vigil.corpus.helpers.SeparateClassRequest(request);
        String param = scr.getTheParameter("BenchmarkTest00123");
        if (param == null) {
            param = "";
        }
        try {
            String bar = org.owasp.esapi.ESAPI.encoder().encodeForHTML(param);
            String fileName = dev.vigil.corpus.helpers.Utils.TESTFILES_DIR + bar;
            java.io.FileOutputStream fos = new java.io.FileOutputStream(fileName, false);
            fos.close();
            response.getWriter()
                    .println("Now ready to write to file: "
                            + org.owasp.esapi.ESAPI.encoder().encodeForHTML(fileName));
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
