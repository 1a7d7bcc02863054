package dev.vigil.corpus.sqli;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 8, propagation 8, sink 1: vulnerable */
@Expected(category = "sqli", cwe = 89, vulnerable = true)
public class BenchmarkTest00051 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String[] values = request.getParameterValues("BenchmarkTest00051");
        String param;
        if (values != null && values.length > 0) {
            param = values[0];
        } else {
            param = "";
        }
        try {
            String bar = org.apache.commons.text.StringEscapeUtils.escapeHtml4(param);
            String sql = "SELECT * from USERS where USERNAME='foo' and PASSWORD='" + bar + "'";
            java.util.List<java.util.Map<String, Object>> list =
                    dev.vigil.corpus.helpers.DatabaseHelper.JDBCtemplate.queryForList(sql);
            response.getWriter().println("rows: " + list.size());
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
