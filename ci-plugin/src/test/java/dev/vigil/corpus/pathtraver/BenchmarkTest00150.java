package dev.vigil.corpus.pathtraver;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 9, propagation 0, safe sink 1: safe */
@Expected(category = "pathtraver", cwe = 22, vulnerable = false)
public class BenchmarkTest00150 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        java.io.InputStream body = request.getInputStream();
        byte[] buffer = new byte[1000];
        int read = body.read(buffer);
        String param = read > 0 ? new String(buffer, 0, read, "UTF-8") : "";
        try {
            String bar = new Test().doSomething(request, param);
            String fileName = dev.vigil.corpus.helpers.Utils.TESTFILES_DIR + new java.io.File(bar).getName();
            try (java.io.FileInputStream fis = new java.io.FileInputStream(new java.io.File(fileName))) {
                response.getWriter().println("read " + fis.read());
            }
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    private class Test {
        public String doSomething(HttpServletRequest request, String param) throws ServletException, IOException {
            String bar;
            int num = 86;
            if ((7 * 42) - num > 200) {
                bar = param;
            } else {
                bar = "This should never happen";
            }
            return bar;
        }
    }
}
