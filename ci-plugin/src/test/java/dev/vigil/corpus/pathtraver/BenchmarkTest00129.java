package dev.vigil.corpus.pathtraver;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 8, propagation 10, sink 5: vulnerable */
@Expected(category = "pathtraver", cwe = 22, vulnerable = true)
public class BenchmarkTest00129 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String[] values = request.getParameterValues("BenchmarkTest00129");
        String param;
        if (values != null && values.length > 0) {
            param = values[0];
        } else {
            param = "";
        }
        try {
            String bar = org.owasp
                    .esapi
                    .ESAPI
                    .encoder()
                    .decodeForHTML(org.owasp.esapi.ESAPI.encoder().encodeForHTML(param));
            java.io.File fileTarget = new java.io.File(bar, "/Test.txt");
            if (fileTarget.exists()) {
                response.getWriter().println(" And file already exists.");
            }
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
