package dev.vigil.corpus.trustbound;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 8, propagation 3, sink 3: vulnerable */
@Expected(category = "trustbound", cwe = 501, vulnerable = true)
public class BenchmarkTest00251 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String[] values = request.getParameterValues("BenchmarkTest00251");
        String param;
        if (values != null && values.length > 0) {
            param = values[0];
        } else {
            param = "";
        }
        try {
            String bar = "safe!";
            java.util.HashMap<String, Object> map1 = new java.util.HashMap<String, Object>();
            map1.put("keyA-1", "a_Value");
            map1.put("keyB-1", param);
            map1.put("keyC", "another_Value");
            bar = (String) map1.get("keyB-1");
            bar = (String) map1.get("keyA-1");
            bar = (String) map1.get("keyB-1");
            javax.servlet.http.HttpSession session = request.getSession(true);
            session.setAttribute(bar, "10340");
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
