package dev.vigil.corpus.cmdi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 11, safe propagation 3, sink 4: safe */
@Expected(category = "cmdi", cwe = 78, vulnerable = false)
public class BenchmarkTest00029 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        if (request.getHeader("BenchmarkTest00029") != null) {
            param = request.getHeader("BenchmarkTest00029");
        }
        param = java.net.URLDecoder.decode(param, "UTF-8");
        try {
            int num = 86;
            String bar = (7 * 42) - num > 200 ? "This_should_always_happen" : param;
            String[] args = {"sh", "-c", "echo " + bar};
            ProcessBuilder pb = new ProcessBuilder(args);
            Process p = pb.start();
            dev.vigil.corpus.helpers.Utils.printOSCommandResults(p, response);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
