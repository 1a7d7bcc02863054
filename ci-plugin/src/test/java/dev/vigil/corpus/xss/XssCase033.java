package dev.vigil.corpus.xss;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** param -> lambda -> safe sink 3: safe */
@Expected(category = "xss", cwe = 79, vulnerable = false)
public class XssCase033 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getParameter("id");
        if (param == null) param = "";
        try {
            java.util.function.Function<String, String> fn = s -> s.toLowerCase();
            String bar = fn.apply(param);
            response.getWriter().print(org.apache.commons.text.StringEscapeUtils.escapeHtml4(bar));
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
