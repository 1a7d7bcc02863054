package dev.vigil.corpus.xss;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** map -> switch_fold (safe) -> sink 4: safe */
@Expected(category = "xss", cwe = 79, vulnerable = false)
public class XssCase040 extends HttpServlet {
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
            String guess = "ABC";
            char switchTarget = guess.charAt(2);
            String bar;
            switch (switchTarget) {
                case 'A':
                    bar = param;
                    break;
                case 'B':
                    bar = param;
                    break;
                case 'C':
                case 'D':
                    bar = "bobs_your_uncle";
                    break;
                default:
                    bar = param;
                    break;
            }
            response.getOutputStream().print(bar);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
