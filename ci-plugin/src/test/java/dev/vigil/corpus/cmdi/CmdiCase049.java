package dev.vigil.corpus.cmdi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** headers -> field_this -> safe sink 2: safe */
@Expected(category = "cmdi", cwe = 78, vulnerable = false)
public class CmdiCase049 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        java.util.Enumeration<String> headers = request.getHeaders("X-Vector");
        if (headers != null && headers.hasMoreElements()) {
            param = headers.nextElement();
        }
        try {
            this.last = param;
            String bar = this.last;
            java.util.Map<String, String> commands = new java.util.HashMap<String, String>();
            commands.put("list", "ls");
            commands.put("where", "pwd");
            Runtime.getRuntime().exec(commands.getOrDefault(bar, "pwd"));
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    private String last;
}
