package dev.vigil.corpus.trustbound;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** reader -> helper_const (safe) -> sink 3: safe */
@Expected(category = "trustbound", cwe = 501, vulnerable = false)
public class TrustboundCase040 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getReader().readLine();
        if (param == null) param = "";
        try {
            String bar = clean(param);
            javax.servlet.http.HttpSession httpSession = request.getSession();
            httpSession.setAttribute("last-search", "q=" + bar);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    private static String clean(String in) {
        if (in == null) {
            return "none";
        }
        return "fixed-value";
    }
}
