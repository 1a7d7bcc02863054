package dev.vigil.corpus.xss;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** header -> builder_init -> sink 2: vulnerable */
@Expected(category = "xss", cwe = 79, vulnerable = true)
public class XssCase018 extends HttpServlet {
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
            StringBuilder sbxyz = new StringBuilder(param);
            String bar = sbxyz.append("_SafeStuff").toString();
            response.getWriter().write(bar.toCharArray(), 0, bar.length());
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
