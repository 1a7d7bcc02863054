package dev.vigil.corpus.securecookie;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** securecookie shape 11: vulnerable */
@Expected(category = "securecookie", cwe = 614, vulnerable = true)
public class BenchmarkTest00372 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        java.util.Enumeration<String> names = request.getHeaderNames();
        while (names.hasMoreElements()) {
            String name = (String) names.nextElement();
            if (dev.vigil.corpus.helpers.Utils.commonHeaders.contains(name)) {
                continue;
            }
            java.util.Enumeration<String> values = request.getHeaders(name);
            if (values != null && values.hasMoreElements()) {
                param = name;
                break;
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
            javax.servlet.http.Cookie cookie = dev.vigil.corpus.helpers.Utils.cookie("SomeCookie", str, false);
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
