package dev.vigil.corpus.trustbound;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** header -> map_other_key (safe) -> sink 0: safe */
@Expected(category = "trustbound", cwe = 501, vulnerable = false)
public class TrustboundCase034 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        if (request.getHeader("User-Agent") != null) {
            param = request.getHeader("User-Agent");
        }
        param = java.net.URLDecoder.decode(param, "UTF-8");
        try {
            java.util.HashMap<String, Object> map6 = new java.util.HashMap<String, Object>();
            map6.put("keyA-6", "a_Value");
            map6.put("keyB-6", param);
            map6.put("keyC", "another_Value");
            String bar = (String) map6.get("keyA-6");
            request.getSession().setAttribute("userid", bar);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
