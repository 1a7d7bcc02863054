package dev.vigil.corpus.cmdi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 8, safe propagation 9, sink 2: safe */
@Expected(category = "cmdi", cwe = 78, vulnerable = false)
public class BenchmarkTest00021 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String[] values = request.getParameterValues("BenchmarkTest00021");
        String param;
        if (values != null && values.length > 0) {
            param = values[0];
        } else {
            param = "";
        }
        try {
            String bar;
            int num = 106;
            bar = (7 * 18) + num > 200 ? "This_should_always_happen" : param;
            java.util.List<String> argList = new java.util.ArrayList<String>();
            argList.add("sh");
            argList.add("-c");
            argList.add("echo " + bar);
            ProcessBuilder pb = new ProcessBuilder();
            pb.command(argList);
            Process p = pb.start();
            dev.vigil.corpus.helpers.Utils.printOSCommandResults(p, response);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
