package dev.vigil.corpus.crypto;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** Cipher AES/CBC/PKCS5Padding: safe */
@Expected(category = "crypto", cwe = 327, vulnerable = false)
public class CryptoCase034 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        String[] values = request.getParameterValues("vector");
        if (values != null && values.length > 0) {
            param = values[0];
        }
        try {
            java.util.Properties benchmarkprops = new java.util.Properties();
            benchmarkprops.load(getClass().getClassLoader().getResourceAsStream("benchmark.properties"));
            String transformation = benchmarkprops.getProperty("transformation1", "AES/CBC/PKCS5Padding");
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
