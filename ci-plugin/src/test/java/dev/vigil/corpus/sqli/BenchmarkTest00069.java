package dev.vigil.corpus.sqli;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 3, safe propagation 11, sink 5: safe */
@Expected(category = "sqli", cwe = 89, vulnerable = false)
public class BenchmarkTest00069 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        javax.servlet.http.Cookie[] theCookies = request.getCookies();
        String param = "noCookieValueSupplied";
        if (theCookies != null) {
            for (javax.servlet.http.Cookie theCookie : theCookies) {
                if (theCookie.getName().equals("BenchmarkTest00069")) {
                    param = java.net.URLDecoder.decode(theCookie.getValue(), "UTF-8");
                    break;
                }
            }
        }
        try {
            String bar = "";
            try {
                bar = Integer.toString(Integer.parseInt(param.trim()));
            } catch (NumberFormatException e) {
                bar = "0";
            }
            String sql = "SELECT * from USERS where USERNAME=? and PASSWORD='" + bar + "'";
            java.sql.Connection connection = dev.vigil.corpus.helpers.DatabaseHelper.getSqlConnection();
            java.sql.PreparedStatement statement = connection.prepareStatement(sql, new int[] {1, 2});
            statement.setString(1, "foo");
            statement.execute();
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
