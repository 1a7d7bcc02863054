package dev.vigil.corpus.xss;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** map -> field_this -> sink 2: vulnerable */
@Expected(category = "xss", cwe = 79, vulnerable = true)
public class XssCase012 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        java.util.Map<String, String[]> parameters = request.getParameterMap();
        if (parameters != null) {
            String[] values = parameters.get("file");
            if (values != null) param = values[0];
        }
        try {
            this.last = param;
            String bar = this.last;
            response.getWriter().write(bar.toCharArray(), 0, bar.length());
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    private String last;
}
