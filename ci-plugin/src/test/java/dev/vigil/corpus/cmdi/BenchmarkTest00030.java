package dev.vigil.corpus.cmdi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 9, propagation 10, safe sink 1: safe */
@Expected(category = "cmdi", cwe = 78, vulnerable = false)
public class BenchmarkTest00030 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        java.io.InputStream body = request.getInputStream();
        byte[] buffer = new byte[1000];
        int read = body.read(buffer);
        String param = read > 0 ? new String(buffer, 0, read, "UTF-8") : "";
        try {
            String bar = org.owasp
                    .esapi
                    .ESAPI
                    .encoder()
                    .decodeForHTML(org.owasp.esapi.ESAPI.encoder().encodeForHTML(param));
            java.util.List<String> argList = new java.util.ArrayList<String>();
            argList.add("sh");
            argList.add("-c");
            argList.add(
                    "echo " + org.owasp.esapi.ESAPI.encoder().encodeForOS(new org.owasp.esapi.codecs.UnixCodec(), bar));
            Process p = new ProcessBuilder(argList).start();
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
