package dev.vigil.corpus.securecookie;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** securecookie shape 9: vulnerable */
@Expected(category = "securecookie", cwe = 614, vulnerable = true)
public class BenchmarkTest00370 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        if (request.getHeader("BenchmarkTest00370") != null) {
            param = request.getHeader("BenchmarkTest00370");
        }
        param = java.net.URLDecoder.decode(param, "UTF-8");
        try {
            byte[] input = new byte[1000];
            String str = "?";
            Object inputParam = param;
            if (inputParam instanceof String) {
                str = ((String) inputParam);
            }
            if ("".equals(str)) {
                str = "No cookie value supplied";
            }
            javax.servlet.http.Cookie cookie = new javax.servlet.http.Cookie("SomeCookie", str);
            cookie.setHttpOnly(true);
            cookie.setPath(request.getRequestURI());
            response.addCookie(cookie);
            response.getWriter()
                    .println("Created cookie: 'SomeCookie': with value: '"
                            + org.owasp.esapi.ESAPI.encoder().encodeForHTML(str) + "' and secure flag set to: false");
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
