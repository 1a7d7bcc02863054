package dev.vigil.corpus.xss;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** headers -> map_same_key -> sink 4: vulnerable */
@Expected(category = "xss", cwe = 79, vulnerable = true)
public class XssCase011 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        java.util.Enumeration<String> headers = request.getHeaders("X-Vector");
        if (headers != null && headers.hasMoreElements()) {
            param = headers.nextElement();
        }
        try {
            java.util.HashMap<String, Object> map4 = new java.util.HashMap<String, Object>();
            map4.put("keyA-4", "a-Value");
            map4.put("keyB-4", param);
            map4.put("keyC", "another-Value");
            String bar = (String) map4.get("keyB-4");
            response.getOutputStream().print(bar);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
