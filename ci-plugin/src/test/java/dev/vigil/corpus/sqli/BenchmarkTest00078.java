package dev.vigil.corpus.sqli;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 2, propagation 10, safe sink 2: safe */
@Expected(category = "sqli", cwe = 89, vulnerable = false)
public class BenchmarkTest00078 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        java.util.Enumeration<String> headers = request.getHeaders("Referer");
        if (headers != null && headers.hasMoreElements()) {
            param = headers.nextElement();
        }
        param = java.net.URLDecoder.decode(param, "UTF-8");
        try {
            String bar = org.owasp
                    .esapi
                    .ESAPI
                    .encoder()
                    .decodeForHTML(org.owasp.esapi.ESAPI.encoder().encodeForHTML(param));
            String sql = "{call verifyUserPassword(?,?)}";
            java.sql.Connection connection = dev.vigil.corpus.helpers.DatabaseHelper.getSqlConnection();
            java.sql.CallableStatement statement = connection.prepareCall(sql);
            statement.setString(1, "foo");
            statement.setString(2, bar);
            statement.execute();
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
