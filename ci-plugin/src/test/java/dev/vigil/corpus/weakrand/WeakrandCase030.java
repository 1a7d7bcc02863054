package dev.vigil.corpus.weakrand;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** random: vulnerable */
@Expected(category = "weakrand", cwe = 330, vulnerable = true)
public class WeakrandCase030 extends HttpServlet {
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
            java.util.Random rng = new java.util.Random(System.nanoTime());
            int value = rng.nextInt(1000000);
            String token = String.format("%06d", value);
            response.setHeader("X-Reset-Token", token);
            response.getWriter().println("Welcome back " + param.length());
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
