package dev.vigil.corpus.xss;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** reader -> switch_fold (safe) -> sink 0: safe */
@Expected(category = "xss", cwe = 79, vulnerable = false)
public class XssCase062 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getReader().readLine();
        if (param == null) param = "";
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
            response.getWriter().println(bar);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
