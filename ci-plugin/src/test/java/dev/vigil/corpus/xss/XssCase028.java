package dev.vigil.corpus.xss;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** pathinfo -> two_helpers -> sink 0: vulnerable */
@Expected(category = "xss", cwe = 79, vulnerable = true)
public class XssCase028 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getPathInfo();
        if (param == null || param.length() < 2) param = "/x";
        param = param.substring(1);
        try {
            String bar = outer(param);
            response.getWriter().println(bar);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    private static String outer(String in) {
        return inner("<" + in + ">");
    }

    private static String inner(String in) {
        return in.substring(1, in.length() - 1);
    }
}
