package dev.vigil.corpus.sqli;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 8, propagation 9, safe sink 1: safe */
@Expected(category = "sqli", cwe = 89, vulnerable = false)
public class BenchmarkTest00066 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String[] values = request.getParameterValues("BenchmarkTest00066");
        String param;
        if (values != null && values.length > 0) {
            param = values[0];
        } else {
            param = "";
        }
        try {
            String bar = org.springframework.web.util.HtmlUtils.htmlEscape(param);
            String sql = "SELECT userid from USERS where USERNAME='foo' and PASSWORD=?";
            Integer results =
                    dev.vigil.corpus.helpers.DatabaseHelper.JDBCtemplate.queryForObject(sql, Integer.class, bar);
            response.getWriter().println("Your results are: " + results);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
