package dev.vigil.corpus.pathtraver;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** cookie -> numeric (safe) -> sink 5: safe */
@Expected(category = "pathtraver", cwe = 22, vulnerable = false)
public class PathtraverCase054 extends HttpServlet {
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
            int n;
            try {
                n = Integer.parseInt(param.trim());
            } catch (NumberFormatException e) {
                n = 0;
            }
            String bar = Integer.toString(n);
            new java.io.FileReader("/tmp/testfiles/" + bar).close();
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
