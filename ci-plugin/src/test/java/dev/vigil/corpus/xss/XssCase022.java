package dev.vigil.corpus.xss;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** reader -> helper -> sink 6: vulnerable */
@Expected(category = "xss", cwe = 79, vulnerable = true)
public class XssCase022 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getReader().readLine();
        if (param == null) param = "";
        try {
            String bar = normalize(param);
            response.getWriter().write("Parameter value: " + bar);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    private static String normalize(String in) {
        String out = in;
        if (out.length() > 1000) {
            out = out.substring(0, 1000);
        }
        return out;
    }
}
