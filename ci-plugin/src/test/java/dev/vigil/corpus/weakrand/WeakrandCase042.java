package dev.vigil.corpus.weakrand;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** random: safe */
@Expected(category = "weakrand", cwe = 330, vulnerable = false)
public class WeakrandCase042 extends HttpServlet {
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
            java.security.SecureRandom rng = java.security.SecureRandom.getInstance("SHA1PRNG");
            String token = Integer.toString(rng.nextInt());
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
