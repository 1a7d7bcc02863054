package dev.vigil.corpus.xss;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** reader -> map_other_key (safe) -> sink 0: safe */
@Expected(category = "xss", cwe = 79, vulnerable = false)
public class XssCase038 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getReader().readLine();
        if (param == null) param = "";
        try {
            java.util.HashMap<String, Object> map3 = new java.util.HashMap<String, Object>();
            map3.put("keyA-3", "a_Value");
            map3.put("keyB-3", param);
            map3.put("keyC", "another_Value");
            String bar = (String) map3.get("keyA-3");
            response.getWriter().println(bar);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
