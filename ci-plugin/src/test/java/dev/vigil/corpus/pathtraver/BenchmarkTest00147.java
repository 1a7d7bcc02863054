package dev.vigil.corpus.pathtraver;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 11, safe propagation 5, sink 3: safe */
@Expected(category = "pathtraver", cwe = 22, vulnerable = false)
public class BenchmarkTest00147 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        if (request.getHeader("BenchmarkTest00147") != null) {
            param = request.getHeader("BenchmarkTest00147");
        }
        param = java.net.URLDecoder.decode(param, "UTF-8");
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
            String g1 = "barbarians_at_the_gate";
            String bar = thing.doSomething(g1);
            String fileName = dev.vigil.corpus.helpers.Utils.TESTFILES_DIR + bar;
            java.io.FileOutputStream fos = new java.io.FileOutputStream(fileName, false);
            fos.close();
            response.getWriter()
                    .println("Now ready to write to file: "
                            + org.owasp.esapi.ESAPI.encoder().encodeForHTML(fileName));
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
