package dev.vigil.corpus.xss;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 7, propagation 13, sink 0: vulnerable */
@Expected(category = "xss", cwe = 79, vulnerable = true)
public class BenchmarkTest00212 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        java.util.Map<String, String[]> map = request.getParameterMap();
        if (map != null) {
            String[] values = map.get("BenchmarkTest00212");
            if (values != null) {
                param = values[0];
            }
        }
        try {
            String a1 = param;
            StringBuilder b1 = new StringBuilder(a1 + " SafeStuff");
            b1.replace(b1.length() - "Chars".length(), b1.length(), "Chars");
            java.util.HashMap<String, Object> map2 = new java.util.HashMap<String, Object>();
            map2.put("key2", b1.toString());
            String c1 = (String) map2.get("key2");
            String d1 = c1.substring(0, c1.length() - 1);
            String e1 = new String(java.util.Base64.getDecoder()
                    .decode(java.util.Base64.getEncoder().encode(d1.getBytes())));
            String f1 = e1.split(" ")[0];
            dev.vigil.corpus.helpers.ThingInterface thing = dev.vigil.corpus.helpers.ThingFactory.createThing();
            String bar = thing.doSomething(f1);
            response.setHeader("X-XSS-Protection", "0");
            Object[] obj = {"a", bar};
            response.getWriter().format(java.util.Locale.US, "Formatted like: %1$s and %2$s.", obj);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
