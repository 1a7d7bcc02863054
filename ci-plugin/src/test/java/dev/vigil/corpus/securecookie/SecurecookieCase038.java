package dev.vigil.corpus.securecookie;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** cookie: safe */
@Expected(category = "securecookie", cwe = 614, vulnerable = false)
public class SecurecookieCase038 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getParameter("vector");
        if (param == null) param = "";
        try {
            javax.servlet.http.Cookie c =
                    new javax.servlet.http.Cookie("session-hint", param.isEmpty() ? "none" : "set");
            c.setSecure(true);
            c.setPath(request.getRequestURI());
            response.addCookie(c);
            response.getWriter().println("Created cookie: " + c.getName());
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
