package dev.vigil.corpus.trustbound;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** headers -> two_helpers -> safe sink 0: safe */
@Expected(category = "trustbound", cwe = 501, vulnerable = false)
public class TrustboundCase053 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        java.util.Enumeration<String> headers = request.getHeaders("X-Vector");
        if (headers != null && headers.hasMoreElements()) {
            param = headers.nextElement();
        }
        try {
            String bar = outer(param);
            request.getSession().setAttribute("length", bar.length());
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    private static String outer(String in) {
        return inner("<" + in + ">");
    }

    private static String inner(String in) {
        return in.substring(1, in.length() - 1);
    }
}
