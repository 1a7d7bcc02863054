package dev.vigil.corpus.xss;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 2, propagation 3, safe sink 0: safe */
@Expected(category = "xss", cwe = 79, vulnerable = false)
public class BenchmarkTest00238 extends HttpServlet {
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
            java.util.HashMap<String, Object> map8 = new java.util.HashMap<String, Object>();
            map8.put("keyA-8", "a_Value");
            map8.put("keyB-8", param);
            map8.put("keyC", "another_Value");
            bar = (String) map8.get("keyB-8");
            bar = (String) map8.get("keyA-8");
            bar = (String) map8.get("keyB-8");
            response.setHeader("X-XSS-Protection", "0");
            Object[] obj = {"a", org.owasp.encoder.Encode.forHtml(bar)};
            response.getWriter().format(java.util.Locale.US, "Formatted like: %1$s and %2$s.", obj);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
