package dev.vigil.corpus.xss;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 0, propagation 3, sink 2: vulnerable */
@Expected(category = "xss", cwe = 79, vulnerable = true)
public class BenchmarkTest00205 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        boolean flag = true;
        java.util.Enumeration<String> names = request.getParameterNames();
        while (names.hasMoreElements() && flag) {
            String name = (String) names.nextElement();
            String[] values = request.getParameterValues(name);
            if (values != null) {
                for (int i = 0; i < values.length && flag; i++) {
                    String value = values[i];
                    if (value.equals("BenchmarkTest00205")) {
                        param = name;
                        flag = false;
                    }
                }
            }
        }
        try {
            String bar = "safe!";
            java.util.HashMap<String, Object> map5 = new java.util.HashMap<String, Object>();
            map5.put("keyA-5", "a_Value");
            map5.put("keyB-5", param);
            map5.put("keyC", "another_Value");
            bar = (String) map5.get("keyB-5");
            bar = (String) map5.get("keyA-5");
            bar = (String) map5.get("keyB-5");
            response.setHeader("X-XSS-Protection", "0");
            response.getWriter().write(bar.toCharArray());
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
