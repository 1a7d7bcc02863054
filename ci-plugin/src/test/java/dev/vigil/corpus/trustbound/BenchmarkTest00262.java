package dev.vigil.corpus.trustbound;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 7, propagation 3, safe sink 1: safe */
@Expected(category = "trustbound", cwe = 501, vulnerable = false)
public class BenchmarkTest00262 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        java.util.Map<String, String[]> map = request.getParameterMap();
        if (map != null) {
            String[] values = map.get("BenchmarkTest00262");
            if (values != null) {
                param = values[0];
            }
        }
        try {
            String bar = "safe!";
            java.util.HashMap<String, Object> map2 = new java.util.HashMap<String, Object>();
            map2.put("keyA-2", "a_Value");
            map2.put("keyB-2", param);
            map2.put("keyC", "another_Value");
            bar = (String) map2.get("keyB-2");
            bar = (String) map2.get("keyA-2");
            bar = (String) map2.get("keyB-2");
            request.getSession().putValue("userid", "constant-" + "10340");
            response.getWriter().println("len " + bar.length());
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
