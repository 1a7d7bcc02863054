package dev.vigil.corpus.sqli;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 1, propagation 3, safe sink 2: safe */
@Expected(category = "sqli", cwe = 89, vulnerable = false)
public class BenchmarkTest00072 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        java.util.Enumeration<String> names = request.getHeaderNames();
        while (names.hasMoreElements()) {
            String name = (String) names.nextElement();
            if (dev.vigil.corpus.helpers.Utils.commonHeaders.contains(name)) {
                continue;
            }
            java.util.Enumeration<String> values = request.getHeaders(name);
            if (values != null && values.hasMoreElements()) {
                param = name;
                break;
            }
        }
        try {
            String bar = "safe!";
            java.util.HashMap<String, Object> map2 = new java.util.HashMap<String, Object>();
            map2.put("keyA-2", "a_Value");
            map2.put("keyB-2", param);
            map2.put("keyC", "another_Value");
            bar = (String) map2.get("keyB-2");
            bar = (String) map2.get("keyA-2");
            bar = (String) map2.get("keyB-2");
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
