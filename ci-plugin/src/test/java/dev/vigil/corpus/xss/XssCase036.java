package dev.vigil.corpus.xss;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** param -> string_switch (safe) -> sink 4: safe */
@Expected(category = "xss", cwe = 79, vulnerable = false)
public class XssCase036 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getParameter("vector");
        if (param == null) param = "";
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
            response.getOutputStream().print(bar);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
