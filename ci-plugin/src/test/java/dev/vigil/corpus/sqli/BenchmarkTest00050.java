package dev.vigil.corpus.sqli;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 6, propagation 6, sink 1: vulnerable */
@Expected(category = "sqli", cwe = 89, vulnerable = true)
public class BenchmarkTest00050 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        dev.vigil.corpus.helpers.SeparateClassRequest scr = new dev.vigil.corpus.helpers.SeparateClassRequest(request);
        String param = scr.getTheCookie("BenchmarkTest00050");
        try {
            String bar;
            String guess = "ABC";
            char switchTarget = guess.charAt(1);
            switch (switchTarget) {
                case 'A':
                    bar = "a_Value";
                    break;
                case 'B':
                    bar = param;
                    break;
                case 'C':
                case 'D':
                    bar = "bobs_your_uncle";
                    break;
                default:
                    bar = "bobs_your_uncle";
                    break;
            }
            String sql = "SELECT * from USERS where USERNAME='foo' and PASSWORD='" + bar + "'";
            java.util.List<java.util.Map<String, Object>> list =
                    dev.vigil.corpus.helpers.DatabaseHelper.JDBCtemplate.queryForList(sql);
            response.getWriter().println("rows: " + list.size());
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
