package dev.vigil.corpus.hash;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** hash shape 3: vulnerable */
@Expected(category = "hash", cwe = 328, vulnerable = true)
public class BenchmarkTest00284 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        java.io.BufferedReader reader = request.getReader();
        StringBuilder content = new StringBuilder();
        String line;
        while ((line = reader.readLine()) != null) {
            content.append(line);
        }
        String param = content.toString();
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance(
                    org.apache.commons.codec.digest.MessageDigestAlgorithms.MD5);
            byte[] input = {(byte) '?'};
            Object inputParam = param;
            if (inputParam instanceof String) {
                input = ((String) inputParam).getBytes();
            }
            md.update(input);
            byte[] result = md.digest();
            java.io.File fileTarget = new java.io.File(
                    new java.io.File(dev.vigil.corpus.helpers.Utils.TESTFILES_DIR), "passwordFile.txt");
            try (java.io.FileWriter fw = new java.io.FileWriter(fileTarget, true)) {
                fw.write("hash_value=" + org.owasp.esapi.ESAPI.encoder().encodeForBase64(result, true) + "\n");
            }
            response.getWriter()
                    .println("Sensitive value '"
                            + org.owasp.esapi.ESAPI.encoder().encodeForHTML(new String(input))
                            + "' hashed and stored<br/>");
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
