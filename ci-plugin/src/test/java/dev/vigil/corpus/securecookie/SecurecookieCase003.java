package dev.vigil.corpus.securecookie;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** cookie: vulnerable */
@Expected(category = "securecookie", cwe = 614, vulnerable = true)
public class SecurecookieCase003 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String queryString = request.getQueryString();
        String paramName = "id=";
        int start = queryString == null ? -1 : queryString.indexOf(paramName);
        String param = "";
        if (start >= 0) {
            int end = queryString.indexOf("&", start);
            param = queryString.substring(start + paramName.length(), end < 0 ? queryString.length() : end);
            param = java.net.URLDecoder.decode(param, "UTF-8");
        }
        try {
            javax.servlet.http.Cookie c = new javax.servlet.http.Cookie("SomeCookie", param.isEmpty() ? "none" : "set");
            if (!param.isEmpty()) {
                c.setSecure(true);
            }
            c.setPath(request.getRequestURI());
            response.addCookie(c);
            response.getWriter().println("Created cookie: " + c.getName());
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
