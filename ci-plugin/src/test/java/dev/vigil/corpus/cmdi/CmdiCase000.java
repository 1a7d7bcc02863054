package dev.vigil.corpus.cmdi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** cookie -> lambda -> sink 5: vulnerable */
@Expected(category = "cmdi", cwe = 78, vulnerable = true)
public class CmdiCase000 extends HttpServlet {
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
            java.util.function.Function<String, String> fn = s -> s.toLowerCase();
            String bar = fn.apply(param);
            ProcessBuilder pb = new ProcessBuilder();
            pb.command("nslookup", bar);
            pb.start();
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
