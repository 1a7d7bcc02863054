package dev.vigil.corpus.xss;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** map -> switch_char -> sink 0: vulnerable */
@Expected(category = "xss", cwe = 79, vulnerable = true)
public class XssCase015 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        java.util.Map<String, String[]> parameters = request.getParameterMap();
        if (parameters != null) {
            String[] values = parameters.get("id");
            if (values != null) param = values[0];
        }
        try {
            String guess = "ABC";
            char switchTarget = guess.charAt(1);
            String bar;
            switch (switchTarget) {
                case 'A':
                    bar = "a_Value";
                    break;
                case 'B':
                    bar = param;
                    break;
                default:
                    bar = "bob's your uncle";
                    break;
            }
            response.getWriter().println(bar);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
