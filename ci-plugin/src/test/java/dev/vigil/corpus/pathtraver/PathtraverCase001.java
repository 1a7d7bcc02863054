package dev.vigil.corpus.pathtraver;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** query -> anonymous -> sink 6: vulnerable */
@Expected(category = "pathtraver", cwe = 22, vulnerable = true)
public class PathtraverCase001 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String queryString = request.getQueryString();
        String paramName = "name=";
        int start = queryString == null ? -1 : queryString.indexOf(paramName);
        String param = "";
        if (start >= 0) {
            int end = queryString.indexOf("&", start);
            param = queryString.substring(start + paramName.length(), end < 0 ? queryString.length() : end);
            param = java.net.URLDecoder.decode(param, "UTF-8");
        }
        try {
            java.util.function.UnaryOperator<String> op = new java.util.function.UnaryOperator<String>() {
                @Override
                public String apply(String s) {
                    return s.strip();
                }
            };
            String bar = op.apply(param);
            java.io.File f = new java.io.File("/tmp/testfiles/" + bar);
            boolean deleted = f.delete();
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
