package dev.vigil.corpus.pathtraver;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** cookie -> stream -> sink 3: vulnerable */
@Expected(category = "pathtraver", cwe = 22, vulnerable = true)
public class PathtraverCase023 extends HttpServlet {
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
            String bar = java.util.stream.Stream.of(param)
                    .map(String::trim)
                    .findFirst()
                    .orElse("");
            java.io.File f = new java.io.File(new java.io.File("/tmp/testfiles"), bar);
            if (f.exists()) {
                response.getWriter().println("exists");
            }
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
