package dev.vigil.corpus.trustbound;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** pathinfo -> numeric (safe) -> sink 1: safe */
@Expected(category = "trustbound", cwe = 501, vulnerable = false)
public class TrustboundCase046 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getPathInfo();
        if (param == null || param.length() < 2) param = "/x";
        param = param.substring(1);
        try {
            int n;
            try {
                n = Integer.parseInt(param.trim());
            } catch (NumberFormatException e) {
                n = 0;
            }
            String bar = Integer.toString(n);
            request.getSession().setAttribute(bar, "10340");
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
