package dev.vigil.corpus.xss;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** header -> nested_holder -> sink 1: vulnerable */
@Expected(category = "xss", cwe = 79, vulnerable = true)
public class XssCase007 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        if (request.getHeader("X-Forwarded-Host") != null) {
            param = request.getHeader("X-Forwarded-Host");
        }
        param = java.net.URLDecoder.decode(param, "UTF-8");
        try {
            String bar = new Holder(param).value();
            java.io.PrintWriter out = response.getWriter();
            out.format("<p>Hello %s</p>", bar);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    private static final class Holder {
        private final String v;

        Holder(String v) {
            this.v = v;
        }

        String value() {
            return v;
        }
    }
}
