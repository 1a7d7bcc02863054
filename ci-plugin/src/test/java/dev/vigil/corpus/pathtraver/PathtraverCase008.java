package dev.vigil.corpus.pathtraver;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** headers -> list_index -> sink 3: vulnerable */
@Expected(category = "pathtraver", cwe = 22, vulnerable = true)
public class PathtraverCase008 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        java.util.Enumeration<String> headers = request.getHeaders("User-Agent");
        if (headers != null && headers.hasMoreElements()) {
            param = headers.nextElement();
        }
        try {
            java.util.List<String> valuesList = new java.util.ArrayList<String>();
            valuesList.add("safe");
            valuesList.add(param);
            valuesList.add("moresafe");
            valuesList.remove(0);
            String bar = valuesList.get(0);
            java.io.File f = new java.io.File(new java.io.File("/tmp/testfiles"), bar);
            if (f.exists()) {
                response.getWriter().println("exists");
            }
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
