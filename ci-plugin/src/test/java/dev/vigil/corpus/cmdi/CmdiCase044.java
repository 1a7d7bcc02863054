package dev.vigil.corpus.cmdi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** pathinfo -> helper_const (safe) -> sink 0: safe */
@Expected(category = "cmdi", cwe = 78, vulnerable = false)
public class CmdiCase044 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getPathInfo();
        if (param == null || param.length() < 2) param = "/x";
        param = param.substring(1);
        try {
            String bar = adapt(param);
            Runtime.getRuntime().exec("echo " + bar);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    private static String adapt(String in) {
        if (in == null) {
            return "none";
        }
        return "fixed-value";
    }
}
