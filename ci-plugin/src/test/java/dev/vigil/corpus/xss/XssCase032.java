package dev.vigil.corpus.xss;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** cookie -> helper_const (safe) -> sink 5: safe */
@Expected(category = "xss", cwe = 79, vulnerable = false)
public class XssCase032 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "noCookieValueSupplied";
        javax.servlet.http.Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (javax.servlet.http.Cookie cookie : cookies) {
                if (cookie.getName().equals("id")) {
                    param = java.net.URLDecoder.decode(cookie.getValue(), "UTF-8");
                    break;
                }
            }
        }
        try {
            String bar = prepare(param);
            response.getWriter().append("<div>").append(bar).append("</div>");
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    private static String prepare(String in) {
        if (in == null) {
            return "none";
        }
        return "fixed-value";
    }
}
