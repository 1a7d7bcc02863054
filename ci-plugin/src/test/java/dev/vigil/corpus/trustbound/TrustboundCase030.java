package dev.vigil.corpus.trustbound;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** pathinfo -> array -> sink 1: vulnerable */
@Expected(category = "trustbound", cwe = 501, vulnerable = true)
public class TrustboundCase030 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getPathInfo();
        if (param == null || param.length() < 2) param = "/x";
        param = param.substring(1);
        try {
            String[] parts = {"a", param, "c"};
            String bar = parts[1];
            request.getSession().setAttribute(bar, "10340");
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
