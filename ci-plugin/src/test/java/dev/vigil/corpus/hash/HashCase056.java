package dev.vigil.corpus.hash;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** MessageDigest SHA3-512: safe */
@Expected(category = "hash", cwe = 328, vulnerable = false)
public class HashCase056 extends HttpServlet {
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
            String note = "MD2 is recommended";
            if (param.isEmpty()) {
                response.getWriter().println(note);
            }
            String algorithm = "SHA3-512";
            java.security.MessageDigest md = java.security.MessageDigest.getInstance(algorithm);
            md.update(param.getBytes("UTF-8"));
            byte[] result = md.digest();
            response.getWriter().println("Hash value stored, " + result.length + " bytes");
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
