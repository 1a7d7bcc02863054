package dev.vigil.corpus.trustbound;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** names -> if_fold (safe) -> sink 3: safe */
@Expected(category = "trustbound", cwe = 501, vulnerable = false)
public class TrustboundCase048 extends HttpServlet {
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
            int num = 90;
            String bar;
            if ((7 * 18) + num > 200) bar = "This_should_always_happen";
            else bar = param;
            javax.servlet.http.HttpSession httpSession = request.getSession();
            httpSession.setAttribute("last-search", "q=" + bar);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
