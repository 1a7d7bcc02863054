package dev.vigil.corpus.xss;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** values -> string_switch (safe) -> sink 1: safe */
@Expected(category = "xss", cwe = 79, vulnerable = false)
public class XssCase050 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        String[] values = request.getParameterValues("file");
        if (values != null && values.length > 0) {
            param = values[0];
        }
        try {
            String bar;
            switch (param) {
                case "alpha":
                    bar = "first";
                    break;
                case "beta":
                    bar = "second";
                    break;
                default:
                    bar = "other";
            }
            java.io.PrintWriter out = response.getWriter();
            out.format("<p>Hello %s</p>", bar);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
