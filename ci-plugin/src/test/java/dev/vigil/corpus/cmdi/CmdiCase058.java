package dev.vigil.corpus.cmdi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** header -> if_fold (safe) -> sink 5: safe */
@Expected(category = "cmdi", cwe = 78, vulnerable = false)
public class CmdiCase058 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        if (request.getHeader("Referer") != null) {
            param = request.getHeader("Referer");
        }
        param = java.net.URLDecoder.decode(param, "UTF-8");
        try {
            int num = 90;
            String bar;
            if ((7 * 18) + num > 200) bar = "This_should_always_happen";
            else bar = param;
            ProcessBuilder pb = new ProcessBuilder();
            pb.command("nslookup", bar);
            pb.start();
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
