package dev.vigil.corpus.sqli;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 9, safe propagation 9, sink 4: safe */
@Expected(category = "sqli", cwe = 89, vulnerable = false)
public class BenchmarkTest00067 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        java.io.InputStream body = request.getInputStream();
        byte[] buffer = new byte[1000];
        int read = body.read(buffer);
        String param = read > 0 ? new String(buffer, 0, read, "UTF-8") : "";
        try {
            String bar;
            int num = 106;
            bar = (7 * 18) + num > 200 ? "This_should_always_happen" : param;
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
