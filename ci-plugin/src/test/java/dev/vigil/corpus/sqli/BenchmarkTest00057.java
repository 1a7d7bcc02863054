package dev.vigil.corpus.sqli;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 8, propagation 13, sink 1: vulnerable */
@Expected(category = "sqli", cwe = 89, vulnerable = true)
public class BenchmarkTest00057 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String[] values = request.getParameterValues("BenchmarkTest00057");
        String param;
        if (values != null && values.length > 0) {
            param = values[0];
        } else {
            param = "";
        }
        try {
            String a1 = param;
            StringBuilder b1 = new StringBuilder(a1 + " SafeStuff");
            b1.replace(b1.length() - "Chars".length(), b1.length(), "Chars");
            java.util.HashMap<String, Object> map7 = new java.util.HashMap<String, Object>();
            map7.put("key7", b1.toString());
            String c1 = (String) map7.get("key7");
            String d1 = c1.substring(0, c1.length() - 1);
            String e1 = new String(java.util.Base64.getDecoder()
                    .decode(java.util.Base64.getEncoder().encode(d1.getBytes())));
            String f1 = e1.split(" ")[0];
            dev.vigil.corpus.helpers.ThingInterface thing = dev.vigil.corpus.helpers.ThingFactory.createThing();
            String bar = thing.doSomething(f1);
            String sql = "SELECT * from USERS where USERNAME='foo' and PASSWORD='" + bar + "'";
            java.util.List<java.util.Map<String, Object>> list =
                    dev.vigil.corpus.helpers.DatabaseHelper.JDBCtemplate.queryForList(sql);
            response.getWriter().println("rows: " + list.size());
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
