package dev.vigil.corpus.pathtraver;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** param -> anonymous -> safe sink 1: safe */
@Expected(category = "pathtraver", cwe = 22, vulnerable = false)
public class PathtraverCase053 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getParameter("file");
        if (param == null) param = "";
        try {
            java.util.function.UnaryOperator<String> op = new java.util.function.UnaryOperator<String>() {
                @Override
                public String apply(String s) {
                    return s.strip();
                }
            };
            String bar = op.apply(param);
            java.io.File dir = new java.io.File("/tmp/testfiles");
            java.io.File f = new java.io.File(dir, bar);
            if (!f.getCanonicalPath().startsWith(dir.getCanonicalPath() + java.io.File.separator)) {
                response.sendError(403);
                return;
            }
            new java.io.FileInputStream(f).close();
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
