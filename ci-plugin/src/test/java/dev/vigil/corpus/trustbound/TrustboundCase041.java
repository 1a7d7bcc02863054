package dev.vigil.corpus.trustbound;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** headers -> buffer -> safe sink 1: safe */
@Expected(category = "trustbound", cwe = 501, vulnerable = false)
public class TrustboundCase041 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        java.util.Enumeration<String> headers = request.getHeaders("Referer");
        if (headers != null && headers.hasMoreElements()) {
            param = headers.nextElement();
        }
        try {
            StringBuffer buf = new StringBuffer(param);
            String bar = buf.substring(0);
            request.getSession().setAttribute("lang", "de".equals(bar) ? "de" : "en");
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
