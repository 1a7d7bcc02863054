package dev.vigil.corpus.sqli;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 11, propagation 5, sink 3: vulnerable */
@Expected(category = "sqli", cwe = 89, vulnerable = true)
public class BenchmarkTest00047 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        if (request.getHeader("BenchmarkTest00047") != null) {
            param = request.getHeader("BenchmarkTest00047");
        }
        param = java.net.URLDecoder.decode(param, "UTF-8");
        try {
            int num = 106;
            String bar = (7 * 42) - num > 200 ? "This should never happen" : param;
            String sql = "SELECT userid from USERS where USERNAME='foo' and PASSWORD='" + bar + "'";
            Integer results = dev.vigil.corpus.helpers.DatabaseHelper.JDBCtemplate.queryForObject(sql, Integer.class);
            response.getWriter().println("Your results are: " + results);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
