package dev.vigil.corpus.pathtraver;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 7, propagation 15, sink 0: vulnerable */
@Expected(category = "pathtraver", cwe = 22, vulnerable = true)
public class BenchmarkTest00121 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        java.util.Map<String, String[]> map = request.getParameterMap();
        if (map != null) {
            String[] values = map.get("BenchmarkTest00121");
            if (values != null) {
                param = values[0];
            }
        }
        try {
            StringBuilder sb = new StringBuilder();
            java.util.Map<String, String> cache = dev.vigil.corpus.helpers.Utils.remember("last", param);
            sb.append(cache.get("last"));
            String bar = sb.toString();
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
