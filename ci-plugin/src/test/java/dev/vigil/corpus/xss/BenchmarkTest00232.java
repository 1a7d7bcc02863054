package dev.vigil.corpus.xss;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 5, propagation 3, safe sink 3: safe */
@Expected(category = "xss", cwe = 79, vulnerable = false)
public class BenchmarkTest00232 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        dev.vigil.corpus.helpers.SeparateClassRequest scr = new dev.vigil.corpus.helpers.SeparateClassRequest(request);
        String param = scr.getTheParameter("BenchmarkTest00232");
        if (param == null) {
            param = "";
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
            response.setHeader("X-XSS-Protection", "0");
            response.getWriter().println("Parameter value length: " + bar.length());
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
