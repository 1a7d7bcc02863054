package dev.vigil.corpus.cmdi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** header -> map_same_key -> sink 5: vulnerable */
@Expected(category = "cmdi", cwe = 78, vulnerable = true)
public class CmdiCase031 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        if (request.getHeader("X-Vector") != null) {
            param = request.getHeader("X-Vector");
        }
        param = java.net.URLDecoder.decode(param, "UTF-8");
        try {
            java.util.HashMap<String, Object> map3 = new java.util.HashMap<String, Object>();
            map3.put("keyA-3", "a-Value");
            map3.put("keyB-3", param);
            map3.put("keyC", "another-Value");
            String bar = (String) map3.get("keyB-3");
            ProcessBuilder pb = new ProcessBuilder();
            pb.command("nslookup", bar);
            pb.start();
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
