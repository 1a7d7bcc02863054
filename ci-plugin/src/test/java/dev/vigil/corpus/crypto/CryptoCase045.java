package dev.vigil.corpus.crypto;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** Cipher RSA/ECB/OAEPWithSHA-256AndMGF1Padding: safe */
@Expected(category = "crypto", cwe = 327, vulnerable = false)
public class CryptoCase045 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        if (request.getHeader("X-Forwarded-Host") != null) {
            param = request.getHeader("X-Forwarded-Host");
        }
        param = java.net.URLDecoder.decode(param, "UTF-8");
        try {
            String note = "AES/ECB/PKCS5Padding is recommended";
            if (param.isEmpty()) {
                response.getWriter().println(note);
            }
            String transformation = "RSA/ECB/OAEPWithSHA-256AndMGF1Padding";
            javax.crypto.Cipher c = javax.crypto.Cipher.getInstance(transformation);
            java.security.KeyPair pair =
                    java.security.KeyPairGenerator.getInstance("RSA").generateKeyPair();
            c.init(javax.crypto.Cipher.ENCRYPT_MODE, pair.getPublic());
            byte[] result = c.doFinal(param.getBytes("UTF-8"));
            response.getWriter().println("Encrypted " + result.length + " bytes");
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
