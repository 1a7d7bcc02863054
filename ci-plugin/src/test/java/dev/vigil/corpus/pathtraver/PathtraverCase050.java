package dev.vigil.corpus.pathtraver;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** values -> array_other (safe) -> sink 0: safe */
@Expected(category = "pathtraver", cwe = 22, vulnerable = false)
public class PathtraverCase050 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        String[] values = request.getParameterValues("file");
        if (values != null && values.length > 0) {
            param = values[0];
        }
        try {
            String[] parts = {"fixed", param};
            String bar = parts[0];
            java.io.File file = new java.io.File("/tmp/testfiles/" + bar);
            try (java.io.FileInputStream in = new java.io.FileInputStream(file)) {
                response.getWriter().println("read " + in.read());
            }
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
