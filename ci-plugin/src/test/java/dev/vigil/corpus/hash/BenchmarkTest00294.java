package dev.vigil.corpus.hash;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** hash shape 13: vulnerable */
@Expected(category = "hash", cwe = 328, vulnerable = true)
public class BenchmarkTest00294 extends HttpServlet {
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
            String hex = org.apache.commons.codec.digest.DigestUtils.md5Hex(param);
            response.getWriter().println("hash " + hex.length());
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
