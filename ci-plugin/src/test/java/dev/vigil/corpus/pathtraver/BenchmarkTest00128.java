package dev.vigil.corpus.pathtraver;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 2, propagation 11, sink 2: vulnerable */
@Expected(category = "pathtraver", cwe = 22, vulnerable = true)
public class BenchmarkTest00128 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        java.util.Enumeration<String> headers = request.getHeaders("Referer");
        if (headers != null && headers.hasMoreElements()) {
            param = headers.nextElement();
        }
        param = java.net.URLDecoder.decode(param, "UTF-8");
        try {
            String bar = null;
            if (param != null) {
                bar = new String(org.apache.commons.codec.binary.Base64.decodeBase64(
                        org.apache.commons.codec.binary.Base64.encodeBase64(param.getBytes())));
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
