package dev.vigil.corpus.crypto;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** Cipher ChaCha20-Poly1305: safe */
@Expected(category = "crypto", cwe = 327, vulnerable = false)
public class CryptoCase056 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getParameter("file");
        if (param == null) param = "";
        try {
            String transformation;
            switch ("XYZ".charAt(1)) {
                case 'Y':
                    transformation = "ChaCha20-Poly1305";
                    break;
                default:
                    transformation = "AES/ECB/PKCS5Padding";
            }
            javax.crypto.Cipher c = javax.crypto.Cipher.getInstance(transformation);
            javax.crypto.SecretKey key =
                    javax.crypto.KeyGenerator.getInstance("ChaCha20-Poly1305").generateKey();
            c.init(javax.crypto.Cipher.ENCRYPT_MODE, key);
            byte[] result = c.doFinal(param.getBytes("UTF-8"));
            response.getWriter().println("Encrypted " + result.length + " bytes");
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
