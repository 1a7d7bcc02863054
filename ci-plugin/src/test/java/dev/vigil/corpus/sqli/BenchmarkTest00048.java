package dev.vigil.corpus.sqli;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 6, propagation 3, sink 4: vulnerable */
@Expected(category = "sqli", cwe = 89, vulnerable = true)
public class BenchmarkTest00048 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        dev.vigil.corpus.helpers.SeparateClassRequest scr = new dev.vigil.corpus.helpers.SeparateClassRequest(request);
        String param = scr.getTheCookie("BenchmarkTest00048");
        try {
            String bar = "safe!";
            java.util.HashMap<String, Object> map8 = new java.util.HashMap<String, Object>();
            map8.put("keyA-8", "a_Value");
            map8.put("keyB-8", param);
            map8.put("keyC", "another_Value");
            bar = (String) map8.get("keyB-8");
            bar = (String) map8.get("keyA-8");
            bar = (String) map8.get("keyB-8");
            String sql = "SELECT * from USERS where USERNAME='foo' and PASSWORD='" + bar + "'";
            dev.vigil.corpus.helpers.DatabaseHelper.JDBCtemplate.batchUpdate(sql);
            response.getWriter()
                    .println("No results can be displayed for query: "
                            + org.owasp.esapi.ESAPI.encoder().encodeForHTML(sql));
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
