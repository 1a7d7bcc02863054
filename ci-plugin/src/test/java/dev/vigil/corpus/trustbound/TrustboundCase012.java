package dev.vigil.corpus.trustbound;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** cookie -> helper_branch -> sink 1: vulnerable */
@Expected(category = "trustbound", cwe = 501, vulnerable = true)
public class TrustboundCase012 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "noCookieValueSupplied";
        javax.servlet.http.Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (javax.servlet.http.Cookie cookie : cookies) {
                if (cookie.getName().equals("file")) {
                    param = java.net.URLDecoder.decode(cookie.getValue(), "UTF-8");
                    break;
                }
            }
        }
        try {
            String bar = doSomething(request, param);
            request.getSession().setAttribute(bar, "10340");
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    private static String doSomething(HttpServletRequest request, String param) throws IOException {
        String bar;
        int num = 56;
        if ((7 * 42) - num > 200) bar = param;
        else bar = "This_should_never_happen";
        return bar;
    }
}
