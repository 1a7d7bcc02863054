package dev.vigil.corpus.xss;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** param -> lambda -> sink 2: vulnerable */
@Expected(category = "xss", cwe = 79, vulnerable = true)
public class XssCase014 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getParameter("file");
        if (param == null) param = "";
        try {
            java.util.function.Function<String, String> fn = s -> s.toLowerCase();
            String bar = fn.apply(param);
            response.getWriter().write(bar.toCharArray(), 0, bar.length());
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
