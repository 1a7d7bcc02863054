package dev.vigil.corpus.weakrand;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** random: safe */
@Expected(category = "weakrand", cwe = 330, vulnerable = false)
public class WeakrandCase040 extends HttpServlet {
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
            double value = new java.security.SecureRandom().nextDouble();
            String token = Double.toString(value).substring(2);
            response.setHeader("X-Reset-Token", token);
            response.getWriter().println("Welcome back " + param.length());
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
