package dev.vigil.corpus.cmdi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 4, propagation 15, sink 3: vulnerable */
@Expected(category = "cmdi", cwe = 78, vulnerable = true)
public class BenchmarkTest00017 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String queryString = request.getQueryString();
        String paramval = "BenchmarkTest00017" + "=";
        int paramLoc = -1;
        if (queryString != null) {
            paramLoc = queryString.indexOf(paramval);
        }
        if (paramLoc == -1) {
            response.getWriter()
                    .println("getQueryString() couldn't find expected parameter '" + "BenchmarkTest00017"
                            + "' in query string.");
            return;
        }
        String param = queryString.substring(paramLoc + paramval.length());
        int ampersandLoc = queryString.indexOf("&", paramLoc);
        if (ampersandLoc != -1) {
            param = queryString.substring(paramLoc + paramval.length(), ampersandLoc);
        }
        param = java.net.URLDecoder.decode(param, "UTF-8");
        try {
            StringBuilder sb = new StringBuilder();
            java.util.Map<String, String> cache = dev.vigil.corpus.helpers.Utils.remember("last", param);
            sb.append(cache.get("last"));
            String bar = sb.toString();
            String cmd = dev.vigil.corpus.helpers.Utils.getOSCommandString("echo");
            String[] argsEnv = {"Foo=bar"};
            Runtime r = Runtime.getRuntime();
            Process p = r.exec(cmd + bar, argsEnv, new java.io.File(System.getProperty("user.dir")));
            dev.vigil.corpus.helpers.Utils.printOSCommandResults(p, response);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
