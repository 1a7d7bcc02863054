package dev.vigil.corpus.securecookie;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** securecookie shape 1: safe */
@Expected(category = "securecookie", cwe = 614, vulnerable = false)
public class BenchmarkTest00382 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String queryString = request.getQueryString();
        String paramval = "BenchmarkTest00382" + "=";
        int paramLoc = -1;
        if (queryString != null) {
            paramLoc = queryString.indexOf(paramval);
        }
        if (paramLoc == -1) {
            response.getWriter()
                    .println("getQueryString() couldn't find expected parameter '" + "BenchmarkTest00382"
                            + "' in query string.");
            return;
        }
        String param = queryString.substring(paramLoc + paramval.length());
        int ampersandLoc = queryString.indexOf("&", paramLoc);
        if (ampersandLoc != -1) {
            param = queryString.substring(paramLoc + paramval.length(), ampersandLoc);
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
            secure(cookie, true);
            cookie.setPath(request.getRequestURI());
            response.addCookie(cookie);
            response.getWriter()
                    .println("Created cookie: 'SomeCookie': with value: '"
                            + org.owasp.esapi.ESAPI.encoder().encodeForHTML(str) + "' and secure flag set to: false");
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    private static void secure(javax.servlet.http.Cookie c, boolean on) {
        c.setSecure(on);
        c.setHttpOnly(true);
    }
}
