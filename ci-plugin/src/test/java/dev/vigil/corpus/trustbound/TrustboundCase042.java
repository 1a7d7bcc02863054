package dev.vigil.corpus.trustbound;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** reader -> ternary_fold (safe) -> sink 2: safe */
@Expected(category = "trustbound", cwe = 501, vulnerable = false)
public class TrustboundCase042 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getReader().readLine();
        if (param == null) param = "";
        try {
            int num = 86;
            String bar = (7 * 42) - num > 200 ? "This_should_always_happen" : param;
            javax.servlet.http.HttpSession httpSession = request.getSession(true);
            httpSession.putValue("profile", bar);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
