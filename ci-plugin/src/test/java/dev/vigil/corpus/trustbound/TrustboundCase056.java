package dev.vigil.corpus.trustbound;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** cookie -> ternary_fold (safe) -> sink 0: safe */
@Expected(category = "trustbound", cwe = 501, vulnerable = false)
public class TrustboundCase056 extends HttpServlet {
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
            int num = 86;
            String bar = (7 * 42) - num > 200 ? "This_should_always_happen" : param;
            request.getSession().setAttribute("userid", bar);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
