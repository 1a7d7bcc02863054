package dev.vigil.corpus.xss;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 9, safe propagation 10, sink 5: safe */
@Expected(category = "xss", cwe = 79, vulnerable = false)
public class BenchmarkTest00221 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        java.io.InputStream body = request.getInputStream();
        byte[] buffer = new byte[1000];
        int read = body.read(buffer);
        String param = read > 0 ? new String(buffer, 0, read, "UTF-8") : "";
        try {
            StringBuilder sb = new StringBuilder();
            java.util.Map<String, String> cache = dev.vigil.corpus.helpers.Utils.remember("last", param);
            sb.append(cache.get("fixed"));
            String bar = sb.toString();
            response.setHeader("X-XSS-Protection", "0");
            java.io.PrintWriter out = response.getWriter();
            out.format(java.util.Locale.US, "%s", new Object[] {"<p>", bar, "</p>"});
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
