package dev.vigil.corpus.sqli;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 0, propagation 14, safe sink 0: safe */
@Expected(category = "sqli", cwe = 89, vulnerable = false)
public class BenchmarkTest00074 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        boolean flag = true;
        java.util.Enumeration<String> names = request.getParameterNames();
        while (names.hasMoreElements() && flag) {
            String name = (String) names.nextElement();
            String[] values = request.getParameterValues(name);
            if (values != null) {
                for (int i = 0; i < values.length && flag; i++) {
                    String value = values[i];
                    if (value.equals("BenchmarkTest00074")) {
                        param = name;
                        flag = false;
                    }
                }
            }
        }
        try {
            String bar = new Test().doSomething(request, param);
            String sql = "SELECT * from USERS where USERNAME=? and PASSWORD=?";
            java.sql.Connection connection = dev.vigil.corpus.helpers.DatabaseHelper.getSqlConnection();
            java.sql.PreparedStatement statement = connection.prepareStatement(
                    sql,
                    java.sql.ResultSet.TYPE_FORWARD_ONLY,
                    java.sql.ResultSet.CONCUR_READ_ONLY,
                    java.sql.ResultSet.CLOSE_CURSORS_AT_COMMIT);
            statement.setString(1, "foo");
            statement.setString(2, bar);
            statement.execute();
            dev.vigil.corpus.helpers.DatabaseHelper.printResults(statement.getResultSet(), sql, response);
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
