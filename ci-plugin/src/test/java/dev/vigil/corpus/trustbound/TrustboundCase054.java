package dev.vigil.corpus.trustbound;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** cookie -> allowlist (safe) -> sink 3: safe */
@Expected(category = "trustbound", cwe = 501, vulnerable = false)
public class TrustboundCase054 extends HttpServlet {
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
            java.util.Map<String, String> allowed = new java.util.HashMap<String, String>();
            allowed.put("a", "alpha");
            allowed.put("b", "beta");
            String bar = allowed.getOrDefault(param, "alpha");
            javax.servlet.http.HttpSession httpSession = request.getSession();
            httpSession.setAttribute("last-search", "q=" + bar);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
