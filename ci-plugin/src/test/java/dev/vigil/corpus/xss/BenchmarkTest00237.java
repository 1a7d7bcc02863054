package dev.vigil.corpus.xss;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 0, safe propagation 2, sink 3: safe */
@Expected(category = "xss", cwe = 79, vulnerable = false)
public class BenchmarkTest00237 extends HttpServlet {
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
                    if (value.equals("BenchmarkTest00237")) {
                        param = name;
                        flag = false;
                    }
                }
            }
        }
        try {
            String bar = "safe!";
            java.util.HashMap<String, Object> map7 = new java.util.HashMap<String, Object>();
            map7.put("keyA-7", "a-Value");
            map7.put("keyB-7", param);
            map7.put("keyC", "another-Value");
            bar = (String) map7.get("keyA-7");
            response.setHeader("X-XSS-Protection", "0");
            int length = 1;
            if (bar != null) {
                length = bar.length();
                response.getWriter().write(bar, 0, length);
            }
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
