package dev.vigil.corpus.cmdi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** headers -> lambda -> safe sink 0: safe */
@Expected(category = "cmdi", cwe = 78, vulnerable = false)
public class CmdiCase047 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        java.util.Enumeration<String> headers = request.getHeaders("X-Forwarded-Host");
        if (headers != null && headers.hasMoreElements()) {
            param = headers.nextElement();
        }
        try {
            java.util.function.Function<String, String> fn = s -> s.toLowerCase();
            String bar = fn.apply(param);
            Runtime.getRuntime().exec("echo " + org.owasp.esapi.ESAPI.encoder().encodeForOS(null, bar));
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
