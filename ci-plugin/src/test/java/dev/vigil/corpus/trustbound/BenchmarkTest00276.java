package dev.vigil.corpus.trustbound;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 0, propagation 3, safe sink 0: safe */
@Expected(category = "trustbound", cwe = 501, vulnerable = false)
public class BenchmarkTest00276 extends HttpServlet {
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
                    if (value.equals("BenchmarkTest00276")) {
                        param = name;
                        flag = false;
                    }
                }
            }
        }
        try {
            String bar = "safe!";
            java.util.HashMap<String, Object> map6 = new java.util.HashMap<String, Object>();
            map6.put("keyA-6", "a_Value");
            map6.put("keyB-6", param);
            map6.put("keyC", "another_Value");
            bar = (String) map6.get("keyB-6");
            bar = (String) map6.get("keyA-6");
            bar = (String) map6.get("keyB-6");
            request.getSession().setAttribute("userid", Integer.valueOf(bar.length()));
            response.getWriter().println("Item: 'userid' saved in session.");
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
