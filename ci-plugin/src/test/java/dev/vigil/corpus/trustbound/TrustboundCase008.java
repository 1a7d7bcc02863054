package dev.vigil.corpus.trustbound;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** cookie -> stream -> sink 3: vulnerable */
@Expected(category = "trustbound", cwe = 501, vulnerable = true)
public class TrustboundCase008 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "noCookieValueSupplied";
        javax.servlet.http.Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (javax.servlet.http.Cookie cookie : cookies) {
                if (cookie.getName().equals("user")) {
                    param = java.net.URLDecoder.decode(cookie.getValue(), "UTF-8");
                    break;
                }
            }
        }
        try {
            String bar = java.util.stream.Stream.of(param)
                    .map(String::trim)
                    .findFirst()
                    .orElse("");
            javax.servlet.http.HttpSession httpSession = request.getSession();
            httpSession.setAttribute("last-search", "q=" + bar);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
