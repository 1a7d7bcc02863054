package dev.vigil.corpus.weakrand;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** random: safe */
@Expected(category = "weakrand", cwe = 330, vulnerable = false)
public class WeakrandCase055 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        if (request.getHeader("User-Agent") != null) {
            param = request.getHeader("User-Agent");
        }
        param = java.net.URLDecoder.decode(param, "UTF-8");
        try {
            long jitter = (long) (Math.random() * 10);
            response.getWriter().println("retry in " + jitter + " s");
            String token = Long.toHexString(new java.security.SecureRandom().nextLong());
            javax.servlet.http.Cookie rememberMe = new javax.servlet.http.Cookie("rememberMe", "");
            rememberMe.setValue(token);
            rememberMe.setSecure(true);
            response.addCookie(rememberMe);
            response.getWriter().println("Welcome back " + param.length());
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
