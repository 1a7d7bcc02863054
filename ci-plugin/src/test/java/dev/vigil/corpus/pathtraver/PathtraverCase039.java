package dev.vigil.corpus.pathtraver;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** map -> two_helpers -> safe sink 1: safe */
@Expected(category = "pathtraver", cwe = 22, vulnerable = false)
public class PathtraverCase039 extends HttpServlet {
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
            String bar = outer(param);
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

    private static String outer(String in) {
        return inner("<" + in + ">");
    }

    private static String inner(String in) {
        return in.substring(1, in.length() - 1);
    }
}
