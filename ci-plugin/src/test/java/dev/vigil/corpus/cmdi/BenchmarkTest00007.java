package dev.vigil.corpus.cmdi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 11, propagation 5, sink 1: vulnerable */
@Expected(category = "cmdi", cwe = 78, vulnerable = true)
public class BenchmarkTest00007 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        if (request.getHeader("BenchmarkTest00007") != null) {
            param = request.getHeader("BenchmarkTest00007");
        }
        param = java.net.URLDecoder.decode(param, "UTF-8");
        try {
            int num = 106;
            String bar = (7 * 42) - num > 200 ? "This should never happen" : param;
            String[] args = {"sh", "-c", "echo"};
            String[] argsEnv = {bar};
            Runtime r = Runtime.getRuntime();
            Process p = r.exec(args, argsEnv);
            dev.vigil.corpus.helpers.Utils.printOSCommandResults(p, response);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
