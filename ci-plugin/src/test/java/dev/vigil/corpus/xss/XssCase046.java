package dev.vigil.corpus.xss;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** param -> array_other (safe) -> sink 4: safe */
@Expected(category = "xss", cwe = 79, vulnerable = false)
public class XssCase046 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getParameter("user");
        if (param == null) param = "";
        try {
            String[] parts = {"fixed", param};
            String bar = parts[0];
            response.getOutputStream().print(bar);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
