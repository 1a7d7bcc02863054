package dev.vigil.corpus.hash;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** hash shape 5: safe */
@Expected(category = "hash", cwe = 328, vulnerable = false)
public class BenchmarkTest00306 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        javax.servlet.http.Cookie[] theCookies = request.getCookies();
        String param = "noCookieValueSupplied";
        if (theCookies != null) {
            for (javax.servlet.http.Cookie theCookie : theCookies) {
                if (theCookie.getName().equals("BenchmarkTest00306")) {
                    param = java.net.URLDecoder.decode(theCookie.getValue(), "UTF-8");
                    break;
                }
            }
        }
        try {
            int num = 106;
            String algorithm = (7 * 42) - num > 200 ? "sha1" : "SHA-512/256";
            java.security.MessageDigest md = java.security.MessageDigest.getInstance(algorithm);
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
