package dev.vigil.corpus.xss;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** header -> allowlist (safe) -> sink 1: safe */
@Expected(category = "xss", cwe = 79, vulnerable = false)
public class XssCase048 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        if (request.getHeader("X-Vector") != null) {
            param = request.getHeader("X-Vector");
        }
        param = java.net.URLDecoder.decode(param, "UTF-8");
        try {
            java.util.Map<String, String> allowed = new java.util.HashMap<String, String>();
            allowed.put("a", "alpha");
            allowed.put("b", "beta");
            String bar = allowed.getOrDefault(param, "alpha");
            java.io.PrintWriter out = response.getWriter();
            out.format("<p>Hello %s</p>", bar);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
