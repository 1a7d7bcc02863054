package dev.vigil.corpus.trustbound;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** param -> optional -> sink 1: vulnerable */
@Expected(category = "trustbound", cwe = 501, vulnerable = true)
public class TrustboundCase029 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getParameter("q");
        if (param == null) param = "";
        try {
            String bar = java.util.Optional.ofNullable(param).orElse("none");
            request.getSession().setAttribute(bar, "10340");
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
