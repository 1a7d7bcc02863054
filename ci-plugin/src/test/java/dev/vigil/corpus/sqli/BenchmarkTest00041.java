package dev.vigil.corpus.sqli;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 5, propagation 5, sink 2: vulnerable */
@Expected(category = "sqli", cwe = 89, vulnerable = true)
public class BenchmarkTest00041 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        dev.vigil.corpus.helpers.SeparateClassRequest scr = new dev.vigil.corpus.helpers.SeparateClassRequest(request);
        String param = scr.getTheParameter("BenchmarkTest00041");
        if (param == null) {
            param = "";
        }
        try {
            int num = 106;
            String bar = (7 * 42) - num > 200 ? "This should never happen" : param;
            String sql = "INSERT INTO users (username, password) VALUES ('foo','" + bar + "')";
            java.sql.Statement statement = dev.vigil.corpus.helpers.DatabaseHelper.getSqlStatement();
            int count = statement.executeUpdate(sql, new String[] {"USERNAME", "PASSWORD"});
            dev.vigil.corpus.helpers.DatabaseHelper.outputUpdateComplete(sql, response);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
