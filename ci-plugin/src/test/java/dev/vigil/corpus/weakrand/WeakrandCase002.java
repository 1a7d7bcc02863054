package dev.vigil.corpus.weakrand;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** random: vulnerable */
@Expected(category = "weakrand", cwe = 330, vulnerable = true)
public class WeakrandCase002 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        String[] values = request.getParameterValues("user");
        if (values != null && values.length > 0) {
            param = values[0];
        }
        try {
            long value = java.util.concurrent.ThreadLocalRandom.current().nextLong();
            String token = Long.toHexString(value);
            javax.servlet.http.Cookie rememberMe = new javax.servlet.http.Cookie("rememberMe", token);
            rememberMe.setSecure(true);
            rememberMe.setPath(request.getRequestURI());
            response.addCookie(rememberMe);
            response.getWriter().println("Welcome back " + param.length());
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
