package dev.vigil.corpus.cmdi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 8, safe propagation 8, sink 3: safe */
@Expected(category = "cmdi", cwe = 78, vulnerable = false)
public class BenchmarkTest00035 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String[] values = request.getParameterValues("BenchmarkTest00035");
        String param;
        if (values != null && values.length > 0) {
            param = values[0];
        } else {
            param = "";
        }
        try {
            String bar = new Test().doSomething(request, param);
            String cmd = dev.vigil.corpus.helpers.Utils.getOSCommandString("echo");
            String[] argsEnv = {"Foo=bar"};
            Runtime r = Runtime.getRuntime();
            Process p = r.exec(cmd + bar, argsEnv, new java.io.File(System.getProperty("user.dir")));
            dev.vigil.corpus.helpers.Utils.printOSCommandResults(p, response);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    private class Test {
        public String doSomething(HttpServletRequest request, String param) throws ServletException, IOException {
            String bar = "safe!";
            java.util.HashMap<String, Object> map = new java.util.HashMap<String, Object>();
            map.put("keyA", "a_Value");
            map.put("keyB", param);
            map.put("keyC", "another_Value");
            bar = (String) map.get("keyB");
            bar = (String) map.get("keyA");
            return bar;
        }
    }
}
