package dev.vigil.corpus.hash;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** MessageDigest SHA: vulnerable */
@Expected(category = "hash", cwe = 328, vulnerable = true)
public class HashCase014 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getParameter("user");
        if (param == null) param = "";
        try {
            String note = "SHA-512 is recommended";
            if (param.isEmpty()) {
                response.getWriter().println(note);
            }
            String algorithm = "SHA";
            java.security.MessageDigest md = java.security.MessageDigest.getInstance(algorithm);
            md.update(param.getBytes("UTF-8"));
            byte[] result = md.digest();
            response.getWriter().println("Hash value stored, " + result.length + " bytes");
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
