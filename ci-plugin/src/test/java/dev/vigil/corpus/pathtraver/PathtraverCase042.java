package dev.vigil.corpus.pathtraver;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** map -> if_fold (safe) -> sink 0: safe */
@Expected(category = "pathtraver", cwe = 22, vulnerable = false)
public class PathtraverCase042 extends HttpServlet {
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
            int num = 150;
            String bar;
            if ((7 * 18) + num > 200) bar = "This_should_always_happen";
            else bar = param;
            java.io.File file = new java.io.File("/tmp/testfiles/" + bar);
            try (java.io.FileInputStream in = new java.io.FileInputStream(file)) {
                response.getWriter().println("read " + in.read());
            }
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
