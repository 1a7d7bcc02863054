package dev.vigil.corpus.xss;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 10, safe propagation 21, sink 0: safe */
@Expected(category = "xss", cwe = 79, vulnerable = false)
public class BenchmarkTest00227 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        java.io.BufferedReader reader = request.getReader();
        StringBuilder content = new StringBuilder();
        String line;
        while ((line = reader.readLine()) != null) {
            content.append(line);
        }
        String param = content.toString();
        try {
            String bar = org.springframework.web.util.HtmlUtils.htmlEscape(param);
            response.setHeader("X-XSS-Protection", "0");
            Object[] obj = {"a", bar};
            response.getWriter().format(java.util.Locale.US, "Formatted like: %1$s and %2$s.", obj);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
