package dev.vigil.corpus.crypto;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** Cipher AES/GCM/NoPadding: safe */
@Expected(category = "crypto", cwe = 327, vulnerable = false)
public class CryptoCase046 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        if (request.getHeader("Referer") != null) {
            param = request.getHeader("Referer");
        }
        param = java.net.URLDecoder.decode(param, "UTF-8");
        try {
            String transformation = pick("AES/GCM/NoPadding");
            javax.crypto.Cipher c = javax.crypto.Cipher.getInstance(transformation);
            javax.crypto.SecretKey key =
                    javax.crypto.KeyGenerator.getInstance("AES").generateKey();
            c.init(javax.crypto.Cipher.ENCRYPT_MODE, key);
            byte[] result = c.doFinal(param.getBytes("UTF-8"));
            response.getWriter().println("Encrypted " + result.length + " bytes");
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    private static String pick(String preferred) {
        if (preferred == null) {
            return "RC2";
        }
        return preferred;
    }
}
