package dev.vigil.corpus.securecookie;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** securecookie shape 17: safe */
@Expected(category = "securecookie", cwe = 614, vulnerable = false)
public class BenchmarkTest00398 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        boolean flag = true;
        java.util.Enumeration<String> names = request.getParameterNames();
        while (names.hasMoreElements() && flag) {
            String name = (String) names.nextElement();
            String[] values = request.getParameterValues(name);
            if (values != null) {
                for (int i = 0; i < values.length && flag; i++) {
                    String value = values[i];
                    if (value.equals("BenchmarkTest00398")) {
                        param = name;
                        flag = false;
                    }
                }
            }
        }
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
