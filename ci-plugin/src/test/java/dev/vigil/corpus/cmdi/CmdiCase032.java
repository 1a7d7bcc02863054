package dev.vigil.corpus.cmdi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** param -> map_other_key (safe) -> sink 0: safe */
@Expected(category = "cmdi", cwe = 78, vulnerable = false)
public class CmdiCase032 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getParameter("id");
        if (param == null) param = "";
        try {
            java.util.HashMap<String, Object> map4 = new java.util.HashMap<String, Object>();
            map4.put("keyA-4", "a_Value");
            map4.put("keyB-4", param);
            map4.put("keyC", "another_Value");
            String bar = (String) map4.get("keyA-4");
            Runtime.getRuntime().exec("echo " + bar);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
