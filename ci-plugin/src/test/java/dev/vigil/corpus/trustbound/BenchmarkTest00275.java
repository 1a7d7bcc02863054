package dev.vigil.corpus.trustbound;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 2, safe propagation 10, sink 1: safe */
@Expected(category = "trustbound", cwe = 501, vulnerable = false)
public class BenchmarkTest00275 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        java.util.Enumeration<String> headers = request.getHeaders("Referer");
        if (headers != null && headers.hasMoreElements()) {
            param = headers.nextElement();
        }
        param = java.net.URLDecoder.decode(param, "UTF-8");
        try {
            StringBuilder sb = new StringBuilder();
            java.util.Map<String, String> cache = dev.vigil.corpus.helpers.Utils.remember("last", param);
            sb.append(cache.get("fixed"));
            String bar = sb.toString();
            request.getSession().setAttribute("userid", bar);
            response.getWriter()
                    .println("Item: 'userid' with value: '" + org.owasp.encoder.Encode.forHtml(bar)
                            + "' saved in session.");
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
