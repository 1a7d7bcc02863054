package dev.vigil.corpus.xss;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** cookie -> nested_holder -> sink 6: vulnerable */
@Expected(category = "xss", cwe = 79, vulnerable = true)
public class XssCase031 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "noCookieValueSupplied";
        javax.servlet.http.Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (javax.servlet.http.Cookie cookie : cookies) {
                if (cookie.getName().equals("q")) {
                    param = java.net.URLDecoder.decode(cookie.getValue(), "UTF-8");
                    break;
                }
            }
        }
        try {
            String bar = new Holder(param).value();
            response.getWriter().write("Parameter value: " + bar);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    private static final class Holder {
        private final String v;

        Holder(String v) {
            this.v = v;
        }

        String value() {
            return v;
        }
    }
}
