package dev.vigil.corpus.crypto;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** Cipher AES: vulnerable */
@Expected(category = "crypto", cwe = 327, vulnerable = true)
public class CryptoCase003 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String queryString = request.getQueryString();
        String paramName = "file=";
        int start = queryString == null ? -1 : queryString.indexOf(paramName);
        String param = "";
        if (start >= 0) {
            int end = queryString.indexOf("&", start);
            param = queryString.substring(start + paramName.length(), end < 0 ? queryString.length() : end);
            param = java.net.URLDecoder.decode(param, "UTF-8");
        }
        try {
            String transformation = (7 * 42) - 86 > 200 ? "AES" : "AES/GCM/NoPadding";
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
}
