package dev.vigil.corpus.cmdi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 11, propagation 13, sink 0: vulnerable */
@Expected(category = "cmdi", cwe = 78, vulnerable = true)
public class BenchmarkTest00019 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        if (request.getHeader("BenchmarkTest00019") != null) {
            param = request.getHeader("BenchmarkTest00019");
        }
        param = java.net.URLDecoder.decode(param, "UTF-8");
        try {
            String a1 = param;
            StringBuilder b1 = new StringBuilder(a1 + " SafeStuff");
            b1.replace(b1.length() - "Chars".length(), b1.length(), "Chars");
            java.util.HashMap<String, Object> map9 = new java.util.HashMap<String, Object>();
            map9.put("key9", b1.toString());
            String c1 = (String) map9.get("key9");
            String d1 = c1.substring(0, c1.length() - 1);
            String e1 = new String(java.util.Base64.getDecoder()
                    .decode(java.util.Base64.getEncoder().encode(d1.getBytes())));
            String f1 = e1.split(" ")[0];
            dev.vigil.corpus.helpers.ThingInterface thing = dev.vigil.corpus.helpers.ThingFactory.createThing();
            String bar = thing.doSomething(f1);
            String cmd = "";
            String osName = System.getProperty("os.name");
            if (osName.indexOf("Windows") != -1) {
                cmd = "cmd.exe /c echo ";
            } else {
                cmd = "sh -c echo ";
            }
            Runtime r = Runtime.getRuntime();
            Process p = r.exec(cmd + bar);
            dev.vigil.corpus.helpers.Utils.printOSCommandResults(p, response);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
