package dev.vigil.corpus.securecookie;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** cookie factory: vulnerable */
@Expected(category = "securecookie", cwe = 614, vulnerable = true)
public class SecurecookieCase017 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String queryString = request.getQueryString();
        String paramName = "name=";
        int start = queryString == null ? -1 : queryString.indexOf(paramName);
        String param = "";
        if (start >= 0) {
            int end = queryString.indexOf("&", start);
            param = queryString.substring(start + paramName.length(), end < 0 ? queryString.length() : end);
            param = java.net.URLDecoder.decode(param, "UTF-8");
        }
        try {
            javax.servlet.http.Cookie cookie = makeCookie(java.net.URLEncoder.encode(param, "UTF-8"));
            response.addCookie(cookie);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    private static javax.servlet.http.Cookie makeCookie(String value) {
        javax.servlet.http.Cookie c = new javax.servlet.http.Cookie("theme", value);
        c.setSecure(false);
        c.setPath("/");
        return c;
    }
}
