package dev.vigil.corpus.trustbound;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 0, safe propagation 10, sink 2: safe */
@Expected(category = "trustbound", cwe = 501, vulnerable = false)
public class BenchmarkTest00273 extends HttpServlet {
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
                    if (value.equals("BenchmarkTest00273")) {
                        param = name;
                        flag = false;
                    }
                }
            }
        }
        try {
            StringBuilder sb = new StringBuilder();
            java.util.Map<String, String> cache = dev.vigil.corpus.helpers.Utils.remember("last", param);
            sb.append(cache.get("fixed"));
            String bar = sb.toString();
            request.getSession().putValue("userid", bar);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
