package dev.vigil.corpus.trustbound;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** headers -> builder_pair (safe) -> sink 0: safe */
@Expected(category = "trustbound", cwe = 501, vulnerable = false)
public class TrustboundCase038 extends HttpServlet {
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
            StringBuilder dirty = new StringBuilder(param);
            StringBuilder clean = new StringBuilder("zulu");
            dirty.append("!");
            String bar = clean.append("-ok").toString();
            request.getSession().setAttribute("userid", bar);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
