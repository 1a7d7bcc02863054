package dev.vigil.corpus.pathtraver;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** pathinfo -> ternary_fold (safe) -> sink 6: safe */
@Expected(category = "pathtraver", cwe = 22, vulnerable = false)
public class PathtraverCase034 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getPathInfo();
        if (param == null || param.length() < 2) param = "/x";
        param = param.substring(1);
        try {
            int num = 86;
            String bar = (7 * 42) - num > 200 ? "This_should_always_happen" : param;
            java.io.File f = new java.io.File("/tmp/testfiles/" + bar);
            boolean deleted = f.delete();
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
