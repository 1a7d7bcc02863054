package dev.vigil.corpus.cmdi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 7, safe propagation 0, sink 0: safe */
@Expected(category = "cmdi", cwe = 78, vulnerable = false)
public class BenchmarkTest00033 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        java.util.Map<String, String[]> map = request.getParameterMap();
        if (map != null) {
            String[] values = map.get("BenchmarkTest00033");
            if (values != null) {
                param = values[0];
            }
        }
        try {
            String bar = new Test().doSomething(request, param);
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

    private class Test {
        public String doSomething(HttpServletRequest request, String param) throws ServletException, IOException {
            String bar;
            int num = 196;
            if ((500 / 42) + num > 200) {
                bar = "This_should_always_happen";
            } else {
                bar = param;
            }
            return bar;
        }
    }
}
