package dev.vigil.corpus.crypto;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** crypto shape 18: safe */
@Expected(category = "crypto", cwe = 327, vulnerable = false)
public class BenchmarkTest00359 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        javax.servlet.http.Cookie[] theCookies = request.getCookies();
        String param = "noCookieValueSupplied";
        if (theCookies != null) {
            for (javax.servlet.http.Cookie theCookie : theCookies) {
                if (theCookie.getName().equals("BenchmarkTest00359")) {
                    param = java.net.URLDecoder.decode(theCookie.getValue(), "UTF-8");
                    break;
                }
            }
        }
        try {
            String transformation;
            switch ("ABC".charAt(1)) {
                case 'A':
                    transformation = "PBEWithMD5AndDES";
                    break;
                case 'B':
                    transformation = "AES/GCM/NoPadding";
                    break;
                default:
                    transformation = "PBEWithMD5AndDES";
            }
            javax.crypto.Cipher c = javax.crypto.Cipher.getInstance(transformation);
            javax.crypto.SecretKey key =
                    javax.crypto.KeyGenerator.getInstance("AES").generateKey();
            c.init(javax.crypto.Cipher.ENCRYPT_MODE, key);
            byte[] input = {(byte) '?'};
            Object inputParam = param;
            if (inputParam instanceof String) {
                input = ((String) inputParam).getBytes();
            }
            byte[] result = c.doFinal(input);
            response.getWriter()
                    .println("Sensitive value: '"
                            + org.owasp.esapi.ESAPI.encoder().encodeForHTML(new String(input))
                            + "' encrypted and stored (" + result.length + " bytes)<br/>");
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
