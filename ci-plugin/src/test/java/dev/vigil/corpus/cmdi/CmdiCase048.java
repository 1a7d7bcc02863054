package dev.vigil.corpus.cmdi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** header -> lambda_length (safe) -> sink 1: safe */
@Expected(category = "cmdi", cwe = 78, vulnerable = false)
public class CmdiCase048 extends HttpServlet {
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
            java.util.function.Function<String, String> fn = s -> "len-" + s.length();
            String bar = fn.apply(param);
            String[] args = {"/bin/sh", "-c", "echo " + bar};
            Process p = Runtime.getRuntime().exec(args);
            p.waitFor();
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
