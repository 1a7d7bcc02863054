package dev.vigil.corpus.trustbound;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** names -> anonymous -> safe sink 2: safe */
@Expected(category = "trustbound", cwe = 501, vulnerable = false)
public class TrustboundCase061 extends HttpServlet {
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
            java.util.function.UnaryOperator<String> op = new java.util.function.UnaryOperator<String>() {
                @Override
                public String apply(String s) {
                    return s.strip();
                }
            };
            String bar = op.apply(param);
            javax.servlet.http.HttpSession httpSession = request.getSession();
            httpSession.setAttribute("valid", bar.matches("[a-z]{1,16}"));
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
