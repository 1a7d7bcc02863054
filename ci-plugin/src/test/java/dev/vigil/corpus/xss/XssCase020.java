package dev.vigil.corpus.xss;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** names -> switch_char -> sink 2: vulnerable */
@Expected(category = "xss", cwe = 79, vulnerable = true)
public class XssCase020 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        java.util.Enumeration<String> names = request.getParameterNames();
        while (names.hasMoreElements()) {
            String name = names.nextElement();
            if (name.startsWith("v")) {
                param = name;
                break;
            }
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
            response.getWriter().write(bar.toCharArray(), 0, bar.length());
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
