package dev.vigil.corpus.xss;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 3, propagation 3, sink 5: vulnerable */
@Expected(category = "xss", cwe = 79, vulnerable = true)
public class BenchmarkTest00209 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        javax.servlet.http.Cookie[] theCookies = request.getCookies();
        String param = "noCookieValueSupplied";
        if (theCookies != null) {
            for (javax.servlet.http.Cookie theCookie : theCookies) {
                if (theCookie.getName().equals("BenchmarkTest00209")) {
                    param = java.net.URLDecoder.decode(theCookie.getValue(), "UTF-8");
                    break;
                }
            }
        }
        try {
            String bar = "safe!";
            java.util.HashMap<String, Object> map9 = new java.util.HashMap<String, Object>();
            map9.put("keyA-9", "a_Value");
            map9.put("keyB-9", param);
            map9.put("keyC", "another_Value");
            bar = (String) map9.get("keyB-9");
            bar = (String) map9.get("keyA-9");
            bar = (String) map9.get("keyB-9");
            response.setHeader("X-XSS-Protection", "0");
            java.io.PrintWriter out = response.getWriter();
            out.format(java.util.Locale.US, "%s", new Object[] {"<p>", bar, "</p>"});
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
