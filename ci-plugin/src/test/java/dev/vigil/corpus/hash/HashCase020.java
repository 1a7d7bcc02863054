package dev.vigil.corpus.hash;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** MessageDigest md5: vulnerable */
@Expected(category = "hash", cwe = 328, vulnerable = true)
public class HashCase020 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        String[] values = request.getParameterValues("name");
        if (values != null && values.length > 0) {
            param = values[0];
        }
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("md5");
            md.update(param.getBytes("UTF-8"));
            byte[] result = md.digest();
            response.getWriter().println("Hash value stored, " + result.length + " bytes");
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
