package dev.vigil.corpus.crypto;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** KeyGenerator AES: safe */
@Expected(category = "crypto", cwe = 327, vulnerable = false)
public class CryptoCase040 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        String[] values = request.getParameterValues("q");
        if (values != null && values.length > 0) {
            param = values[0];
        }
        try {
            javax.crypto.KeyGenerator generator = javax.crypto.KeyGenerator.getInstance("AES");
            javax.crypto.SecretKey key = generator.generateKey();
            response.getWriter().println("key of " + key.getEncoded().length + " bytes for " + param.length());
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
