package dev.vigil.corpus.sqli;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 3, propagation 12, safe sink 3: safe */
@Expected(category = "sqli", cwe = 89, vulnerable = false)
public class BenchmarkTest00062 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        javax.servlet.http.Cookie[] theCookies = request.getCookies();
        String param = "noCookieValueSupplied";
        if (theCookies != null) {
            for (javax.servlet.http.Cookie theCookie : theCookies) {
                if (theCookie.getName().equals("BenchmarkTest00062")) {
                    param = java.net.URLDecoder.decode(theCookie.getValue(), "UTF-8");
                    break;
                }
            }
        }
        try {
            String bar = dev.vigil.corpus.helpers.Utils.passThrough("ignored", param);
            String sql = "SELECT * from USERS where USERNAME=? and PASSWORD=?";
            java.util.List<java.util.Map<String, Object>> list =
                    dev.vigil.corpus.helpers.DatabaseHelper.JDBCtemplate.queryForList(sql, "foo", bar);
            response.getWriter().println("rows: " + list.size());
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
