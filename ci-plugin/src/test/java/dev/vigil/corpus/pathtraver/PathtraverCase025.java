package dev.vigil.corpus.pathtraver;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** map -> optional -> sink 2: vulnerable */
@Expected(category = "pathtraver", cwe = 22, vulnerable = true)
public class PathtraverCase025 extends HttpServlet {
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
            String bar = java.util.Optional.ofNullable(param).orElse("none");
            java.nio.file.Path p = java.nio.file.Paths.get("/tmp/testfiles", bar);
            byte[] bytes = java.nio.file.Files.readAllBytes(p);
            response.getWriter().println("size " + bytes.length);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
