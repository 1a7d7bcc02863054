package dev.vigil.corpus.xss;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** map -> helper -> safe sink 1: safe */
@Expected(category = "xss", cwe = 79, vulnerable = false)
public class XssCase037 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        java.util.Map<String, String[]> parameters = request.getParameterMap();
        if (parameters != null) {
            String[] values = parameters.get("id");
            if (values != null) param = values[0];
        }
        try {
            String bar = normalize(param);
            response.getWriter().println(org.owasp.encoder.Encode.forHtml(bar));
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
