package dev.vigil.corpus.weakrand;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** random: vulnerable */
@Expected(category = "weakrand", cwe = 330, vulnerable = true)
public class WeakrandCase008 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        String[] values = request.getParameterValues("vector");
        if (values != null && values.length > 0) {
            param = values[0];
        }
        try {
            float f = new java.util.Random().nextFloat();
            String token = "rm-" + f;
            response.setHeader("X-Reset-Token", token);
            response.getWriter().println("Welcome back " + param.length());
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
