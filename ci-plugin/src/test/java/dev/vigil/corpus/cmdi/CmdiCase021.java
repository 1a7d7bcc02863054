package dev.vigil.corpus.cmdi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** header -> builder -> sink 4: vulnerable */
@Expected(category = "cmdi", cwe = 78, vulnerable = true)
public class CmdiCase021 extends HttpServlet {
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
            StringBuilder sb = new StringBuilder();
            sb.append("bravo-").append(param);
            String bar = sb.toString();
            String[] env = {"FOO=" + bar};
            Runtime.getRuntime().exec(new String[] {"printenv"}, env);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
