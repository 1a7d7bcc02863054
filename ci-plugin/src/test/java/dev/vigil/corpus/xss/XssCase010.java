package dev.vigil.corpus.xss;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** reader -> builder_init -> sink 5: vulnerable */
@Expected(category = "xss", cwe = 79, vulnerable = true)
public class XssCase010 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getReader().readLine();
        if (param == null) param = "";
        try {
            StringBuilder sbxyz = new StringBuilder(param);
            String bar = sbxyz.append("_SafeStuff").toString();
            response.getWriter().append("<div>").append(bar).append("</div>");
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
