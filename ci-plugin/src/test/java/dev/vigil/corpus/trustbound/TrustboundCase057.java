package dev.vigil.corpus.trustbound;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** headers -> ternary -> safe sink 2: safe */
@Expected(category = "trustbound", cwe = 501, vulnerable = false)
public class TrustboundCase057 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        java.util.Enumeration<String> headers = request.getHeaders("X-Forwarded-Host");
        if (headers != null && headers.hasMoreElements()) {
            param = headers.nextElement();
        }
        try {
            int num = 196;
            String bar = (7 * 42) - num > 200 ? "This should never happen" : param;
            javax.servlet.http.HttpSession httpSession = request.getSession();
            httpSession.setAttribute("valid", bar.matches("[a-z]{1,16}"));
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
