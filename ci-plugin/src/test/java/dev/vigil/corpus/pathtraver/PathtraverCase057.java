package dev.vigil.corpus.pathtraver;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** cookie -> field_this -> safe sink 1: safe */
@Expected(category = "pathtraver", cwe = 22, vulnerable = false)
public class PathtraverCase057 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "noCookieValueSupplied";
        javax.servlet.http.Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (javax.servlet.http.Cookie cookie : cookies) {
                if (cookie.getName().equals("name")) {
                    param = java.net.URLDecoder.decode(cookie.getValue(), "UTF-8");
                    break;
                }
            }
        }
        try {
            this.last = param;
            String bar = this.last;
            java.io.File dir = new java.io.File("/tmp/testfiles");
            java.io.File f = new java.io.File(dir, bar);
            if (!f.getCanonicalPath().startsWith(dir.getCanonicalPath() + java.io.File.separator)) {
                response.sendError(403);
                return;
            }
            new java.io.FileInputStream(f).close();
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    private String last;
}
