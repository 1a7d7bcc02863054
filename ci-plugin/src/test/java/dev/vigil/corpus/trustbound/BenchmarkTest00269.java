package dev.vigil.corpus.trustbound;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 1, safe propagation 7, sink 1: safe */
@Expected(category = "trustbound", cwe = 501, vulnerable = false)
public class BenchmarkTest00269 extends HttpServlet {
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
            String bar = "";
            if (param != null) {
                bar = param.split(" ")[0];
            }
            bar = dev.vigil.corpus.helpers.Utils.DEFAULT_VALUE;
            request.getSession().setAttribute("userid", bar);
            response.getWriter()
                    .println("Item: 'userid' with value: '" + org.owasp.encoder.Encode.forHtml(bar)
                            + "' saved in session.");
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
