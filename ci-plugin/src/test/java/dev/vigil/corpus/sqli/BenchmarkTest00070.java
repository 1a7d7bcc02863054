package dev.vigil.corpus.sqli;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 11, propagation 14, safe sink 3: safe */
@Expected(category = "sqli", cwe = 89, vulnerable = false)
public class BenchmarkTest00070 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        if (request.getHeader("BenchmarkTest00070") != null) {
            param = request.getHeader("BenchmarkTest00070");
        }
        param = java.net.URLDecoder.decode(param, "UTF-8");
        try {
            String bar = new Test().doSomething(request, param);
            String sql = "SELECT * from USERS where USERNAME=? and PASSWORD=?";
            java.util.List<java.util.Map<String, Object>> list =
                    dev.vigil.corpus.helpers.DatabaseHelper.JDBCtemplate.queryForList(sql, "foo", bar);
            response.getWriter().println("rows: " + list.size());
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    private class Test {
        public String doSomething(HttpServletRequest request, String param) throws ServletException, IOException {
            String bar = "";
            if (param != null) {
                bar = new String(java.util.Base64.getDecoder()
                        .decode(java.util.Base64.getEncoder().encode(param.getBytes())));
            }
            return bar;
        }
    }
}
