package dev.vigil.corpus.trustbound;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 2, propagation 3, safe sink 1: safe */
@Expected(category = "trustbound", cwe = 501, vulnerable = false)
public class BenchmarkTest00264 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        java.util.Enumeration<String> headers = request.getHeaders("Referer");
        if (headers != null && headers.hasMoreElements()) {
            param = headers.nextElement();
        }
        param = java.net.URLDecoder.decode(param, "UTF-8");
        try {
            String bar = "safe!";
            java.util.HashMap<String, Object> map4 = new java.util.HashMap<String, Object>();
            map4.put("keyA-4", "a_Value");
            map4.put("keyB-4", param);
            map4.put("keyC", "another_Value");
            bar = (String) map4.get("keyB-4");
            bar = (String) map4.get("keyA-4");
            bar = (String) map4.get("keyB-4");
            request.getSession().putValue("userid", "constant-" + "10340");
            response.getWriter().println("len " + bar.length());
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
