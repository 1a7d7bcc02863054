package dev.vigil.corpus.securecookie;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** cookie factory: safe */
@Expected(category = "securecookie", cwe = 614, vulnerable = false)
public class SecurecookieCase049 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        String[] values = request.getParameterValues("q");
        if (values != null && values.length > 0) {
            param = values[0];
        }
        try {
            javax.servlet.http.Cookie cookie = makeCookie(param.isEmpty() ? "none" : "set");
            response.addCookie(cookie);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    private static javax.servlet.http.Cookie makeCookie(String value) {
        javax.servlet.http.Cookie c = new javax.servlet.http.Cookie("pref", value);
        c.setSecure(true);
        c.setPath("/");
        return c;
    }
}
