package dev.vigil.corpus.cmdi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** headers -> anonymous_const (safe) -> sink 1: safe */
@Expected(category = "cmdi", cwe = 78, vulnerable = false)
public class CmdiCase054 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        java.util.Enumeration<String> headers = request.getHeaders("User-Agent");
        if (headers != null && headers.hasMoreElements()) {
            param = headers.nextElement();
        }
        try {
            java.util.function.UnaryOperator<String> op = new java.util.function.UnaryOperator<String>() {
                @Override
                public String apply(String s) {
                    return s.isEmpty() ? "empty" : "given";
                }
            };
            String bar = op.apply(param);
            String[] args = {"/bin/sh", "-c", "echo " + bar};
            Process p = Runtime.getRuntime().exec(args);
            p.waitFor();
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
