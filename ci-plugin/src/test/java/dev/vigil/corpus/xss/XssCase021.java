package dev.vigil.corpus.xss;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** values -> map_same_key -> sink 5: vulnerable */
@Expected(category = "xss", cwe = 79, vulnerable = true)
public class XssCase021 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        String[] values = request.getParameterValues("vector");
        if (values != null && values.length > 0) {
            param = values[0];
        }
        try {
            java.util.HashMap<String, Object> map0 = new java.util.HashMap<String, Object>();
            map0.put("keyA-0", "a-Value");
            map0.put("keyB-0", param);
            map0.put("keyC", "another-Value");
            String bar = (String) map0.get("keyB-0");
            response.getWriter().append("<div>").append(bar).append("</div>");
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
