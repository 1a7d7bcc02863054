package dev.vigil.corpus.crypto;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** crypto shape 5: vulnerable */
@Expected(category = "crypto", cwe = 327, vulnerable = true)
public class BenchmarkTest00326 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        dev.vigil.corpus.helpers.SeparateClassRequest scr = new dev.vigil.corpus.helpers.SeparateClassRequest(request);
        String param = scr.getTheParameter("BenchmarkTest00326");
        if (param == null) {
            param = "";
        }
        try {
            String transformation;
            switch ("ABC".charAt(1)) {
                case 'A':
                    transformation = "AES_256/GCM/NoPadding";
                    break;
                case 'B':
                    transformation = "DES/ECB/PKCS5Padding";
                    break;
                default:
                    transformation = "AES_256/GCM/NoPadding";
            }
            javax.crypto.Cipher c = javax.crypto.Cipher.getInstance(transformation);
            javax.crypto.SecretKey key =
                    javax.crypto.KeyGenerator.getInstance("DES").generateKey();
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
