package dev.vigil.corpus.cmdi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** param -> buffer -> safe sink 1: safe */
@Expected(category = "cmdi", cwe = 78, vulnerable = false)
public class CmdiCase037 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getParameter("id");
        if (param == null) param = "";
        try {
            StringBuffer buf = new StringBuffer(param);
            String bar = buf.substring(0);
            String cmd = "ls".equals(bar) ? "ls" : "pwd";
            Runtime.getRuntime().exec(cmd);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
