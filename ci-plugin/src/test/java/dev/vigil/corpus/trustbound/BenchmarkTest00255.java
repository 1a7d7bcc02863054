package dev.vigil.corpus.trustbound;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 2, propagation 3, sink 3: vulnerable */
@Expected(category = "trustbound", cwe = 501, vulnerable = true)
public class BenchmarkTest00255 extends HttpServlet {
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
            java.util.HashMap<String, Object> map5 = new java.util.HashMap<String, Object>();
            map5.put("keyA-5", "a_Value");
            map5.put("keyB-5", param);
            map5.put("keyC", "another_Value");
            bar = (String) map5.get("keyB-5");
            bar = (String) map5.get("keyA-5");
            bar = (String) map5.get("keyB-5");
            javax.servlet.http.HttpSession session = request.getSession(true);
            session.setAttribute(bar, "10340");
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
