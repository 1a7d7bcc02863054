package dev.vigil.corpus.xss;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** param -> base64 -> sink 1: vulnerable */
@Expected(category = "xss", cwe = 79, vulnerable = true)
public class XssCase008 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getParameter("user");
        if (param == null) param = "";
        try {
            String bar = new String(java.util.Base64.getDecoder()
                    .decode(java.util.Base64.getEncoder().encode(param.getBytes())));
            java.io.PrintWriter out = response.getWriter();
            out.format("<p>Hello %s</p>", bar);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
