package dev.vigil.corpus.sqli;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 5, safe propagation 7, sink 6: safe */
@Expected(category = "sqli", cwe = 89, vulnerable = false)
public class BenchmarkTest00063 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        dev.vigil.corpus.helpers.SeparateClassRequest scr = new dev.vigil.corpus.helpers.SeparateClassRequest(request);
        String param = scr.getTheParameter("BenchmarkTest00063");
        if (param == null) {
            param = "";
        }
        try {
            String bar = "";
            if (param != null) {
                bar = param.split(" ")[0];
            }
            bar = dev.vigil.corpus.helpers.Utils.DEFAULT_VALUE;
            String sql = "SELECT * from USERS where USERNAME='foo' and PASSWORD='" + bar + "'";
            java.sql.Statement statement = dev.vigil.corpus.helpers.DatabaseHelper.getSqlStatement();
            statement.addBatch(sql);
            int[] counts = statement.executeBatch();
            dev.vigil.corpus.helpers.DatabaseHelper.printResults(sql, counts, response);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
