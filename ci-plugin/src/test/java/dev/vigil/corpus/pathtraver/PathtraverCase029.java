package dev.vigil.corpus.pathtraver;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** reader -> builder -> sink 0: vulnerable */
@Expected(category = "pathtraver", cwe = 22, vulnerable = true)
public class PathtraverCase029 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getReader().readLine();
        if (param == null) param = "";
        try {
            StringBuilder sb = new StringBuilder();
            sb.append("nova-").append(param);
            String bar = sb.toString();
            java.io.File file = new java.io.File("/tmp/testfiles/" + bar);
            try (java.io.FileInputStream in = new java.io.FileInputStream(file)) {
                response.getWriter().println("read " + in.read());
            }
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
