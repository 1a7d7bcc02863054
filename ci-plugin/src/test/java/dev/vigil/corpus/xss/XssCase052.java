package dev.vigil.corpus.xss;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** param -> holder_fields (safe) -> sink 2: safe */
@Expected(category = "xss", cwe = 79, vulnerable = false)
public class XssCase052 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getParameter("vector");
        if (param == null) param = "";
        try {
            Pair pair = new Pair();
            pair.tainted = param;
            pair.clean = "safe-delta";
            String bar = pair.clean;
            response.getWriter().write(bar.toCharArray(), 0, bar.length());
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    private static final class Pair {
        String tainted;
        String clean;
    }
}
