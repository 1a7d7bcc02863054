package dev.vigil.corpus.xss;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 8, propagation 13, safe sink 0: safe */
@Expected(category = "xss", cwe = 79, vulnerable = false)
public class BenchmarkTest00228 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String[] values = request.getParameterValues("BenchmarkTest00228");
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
            java.util.HashMap<String, Object> map8 = new java.util.HashMap<String, Object>();
            map8.put("key8", b1.toString());
            String c1 = (String) map8.get("key8");
            String d1 = c1.substring(0, c1.length() - 1);
            String e1 = new String(java.util.Base64.getDecoder()
                    .decode(java.util.Base64.getEncoder().encode(d1.getBytes())));
            String f1 = e1.split(" ")[0];
            dev.vigil.corpus.helpers.ThingInterface thing = dev.vigil.corpus.helpers.ThingFactory.createThing();
            String bar = thing.doSomething(f1);
            response.setHeader("X-XSS-Protection", "0");
            Object[] obj = {"a", org.owasp.encoder.Encode.forHtml(bar)};
            response.getWriter().format(java.util.Locale.US, "Formatted like: %1$s and %2$s.", obj);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
