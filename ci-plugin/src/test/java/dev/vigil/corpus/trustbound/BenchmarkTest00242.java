package dev.vigil.corpus.trustbound;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 10, propagation 11, sink 0: vulnerable */
@Expected(category = "trustbound", cwe = 501, vulnerable = true)
public class BenchmarkTest00242 extends HttpServlet {
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
            String bar = null;
            if (param != null) {
                bar = new String(org.apache.commons.codec.binary.Base64.decodeBase64(
                        org.apache.commons.codec.binary.Base64.encodeBase64(param.getBytes())));
            }
            request.getSession().putValue(bar, "10340");
            response.getWriter().println("Item: '" + org.owasp.encoder.Encode.forHtml(bar) + "' saved in session.");
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
