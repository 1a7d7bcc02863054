package dev.vigil.corpus.pathtraver;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 8, propagation 9, sink 6: vulnerable */
@Expected(category = "pathtraver", cwe = 22, vulnerable = true)
public class BenchmarkTest00137 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String[] values = request.getParameterValues("BenchmarkTest00137");
        String param;
        if (values != null && values.length > 0) {
            param = values[0];
        } else {
            param = "";
        }
        try {
            String bar = org.springframework.web.util.HtmlUtils.htmlEscape(param);
            try (java.io.RandomAccessFile raf =
                    new java.io.RandomAccessFile(dev.vigil.corpus.helpers.Utils.TESTFILES_DIR + bar, "r")) {
                response.getWriter().println("length " + raf.length());
            }
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
