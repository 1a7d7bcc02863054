package dev.vigil.corpus.sqli;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 10, safe propagation 6, sink 4: safe */
@Expected(category = "sqli", cwe = 89, vulnerable = false)
public class BenchmarkTest00071 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        java.io.BufferedReader reader = request.getReader();
        StringBuilder content = new StringBuilder();
        String line;
        while ((line = reader.readLine()) != null) {
            content.append(line);
        }
        String param = content.toString();
        try {
            String bar = dev.vigil.corpus.helpers.Utils.passThrough(param, "constant-1");
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
