package dev.vigil.corpus.pathtraver;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** query -> lambda_length (safe) -> sink 6: safe */
@Expected(category = "pathtraver", cwe = 22, vulnerable = false)
public class PathtraverCase036 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String queryString = request.getQueryString();
        String paramName = "vector=";
        int start = queryString == null ? -1 : queryString.indexOf(paramName);
        String param = "";
        if (start >= 0) {
            int end = queryString.indexOf("&", start);
            param = queryString.substring(start + paramName.length(), end < 0 ? queryString.length() : end);
            param = java.net.URLDecoder.decode(param, "UTF-8");
        }
        try {
            java.util.function.Function<String, String> fn = s -> "len-" + s.length();
            String bar = fn.apply(param);
            java.io.File f = new java.io.File("/tmp/testfiles/" + bar);
            boolean deleted = f.delete();
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
