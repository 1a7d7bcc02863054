package dev.vigil.corpus.hash;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** MessageDigest SHA-384: safe */
@Expected(category = "hash", cwe = 328, vulnerable = false)
public class HashCase039 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        if (request.getHeader("X-Vector") != null) {
            param = request.getHeader("X-Vector");
        }
        param = java.net.URLDecoder.decode(param, "UTF-8");
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance(hashAlgorithm);
            md.update(param.getBytes("UTF-8"));
            byte[] result = md.digest();
            response.getWriter().println("Hash value stored, " + result.length + " bytes");
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    private final String hashAlgorithm = "SHA-384";
}
