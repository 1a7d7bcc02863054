package dev.vigil.corpus.xss;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** pathinfo -> builder -> sink 1: vulnerable */
@Expected(category = "xss", cwe = 79, vulnerable = true)
public class XssCase016 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getPathInfo();
        if (param == null || param.length() < 2) param = "/x";
        param = param.substring(1);
        try {
            StringBuilder sb = new StringBuilder();
            sb.append("oscar-").append(param);
            String bar = sb.toString();
            java.io.PrintWriter out = response.getWriter();
            out.format("<p>Hello %s</p>", bar);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
