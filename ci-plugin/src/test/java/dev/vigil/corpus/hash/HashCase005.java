package dev.vigil.corpus.hash;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** MessageDigest SHA-1: vulnerable */
@Expected(category = "hash", cwe = 328, vulnerable = true)
public class HashCase005 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String queryString = request.getQueryString();
        String paramName = "q=";
        int start = queryString == null ? -1 : queryString.indexOf(paramName);
        String param = "";
        if (start >= 0) {
            int end = queryString.indexOf("&", start);
            param = queryString.substring(start + paramName.length(), end < 0 ? queryString.length() : end);
            param = java.net.URLDecoder.decode(param, "UTF-8");
        }
        try {
            String algorithm = pick("SHA-1");
            java.security.MessageDigest md = java.security.MessageDigest.getInstance(algorithm);
            md.update(param.getBytes("UTF-8"));
            byte[] result = md.digest();
            response.getWriter().println("Hash value stored, " + result.length + " bytes");
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    private static String pick(String preferred) {
        if (preferred == null) {
            return "SHA-256";
        }
        return preferred;
    }
}
