package dev.vigil.corpus.weakrand;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** random: safe */
@Expected(category = "weakrand", cwe = 330, vulnerable = false)
public class WeakrandCase036 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        String[] values = request.getParameterValues("id");
        if (values != null && values.length > 0) {
            param = values[0];
        }
        try {
            byte[] bytes = new byte[16];
            new java.security.SecureRandom().nextBytes(bytes);
            String token = java.util.Base64.getEncoder().encodeToString(bytes);
            request.getSession().setAttribute("rememberMe", token);
            response.getWriter().println("Welcome back " + param.length());
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
