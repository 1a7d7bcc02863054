package dev.vigil.corpus.trustbound;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** pathinfo -> holder_fields (safe) -> sink 0: safe */
@Expected(category = "trustbound", cwe = 501, vulnerable = false)
public class TrustboundCase036 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getPathInfo();
        if (param == null || param.length() < 2) param = "/x";
        param = param.substring(1);
        try {
            Pair pair = new Pair();
            pair.tainted = param;
            pair.clean = "safe-oscar";
            String bar = pair.clean;
            request.getSession().setAttribute("userid", bar);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    private static final class Pair {
        String tainted;
        String clean;
    }
}
