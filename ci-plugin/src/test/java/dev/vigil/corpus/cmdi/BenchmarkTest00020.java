package dev.vigil.corpus.cmdi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 8, propagation 5, sink 4: vulnerable */
@Expected(category = "cmdi", cwe = 78, vulnerable = true)
public class BenchmarkTest00020 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String[] values = request.getParameterValues("BenchmarkTest00020");
        String param;
        if (values != null && values.length > 0) {
            param = values[0];
        } else {
            param = "";
        }
        try {
            int num = 106;
            String bar = (7 * 42) - num > 200 ? "This should never happen" : param;
            String[] args = {"sh", "-c", "echo " + bar};
            ProcessBuilder pb = new ProcessBuilder(args);
            Process p = pb.start();
            dev.vigil.corpus.helpers.Utils.printOSCommandResults(p, response);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
