package dev.vigil.corpus.pathtraver;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 1, safe propagation 0, sink 0: safe */
@Expected(category = "pathtraver", cwe = 22, vulnerable = false)
public class BenchmarkTest00151 extends HttpServlet {
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
            String bar = new Test().doSomething(request, param);
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

    private class Test {
        public String doSomething(HttpServletRequest request, String param) throws ServletException, IOException {
            String bar;
            int num = 196;
            if ((500 / 42) + num > 200) {
                bar = "This_should_always_happen";
            } else {
                bar = param;
            }
            return bar;
        }
    }
}
