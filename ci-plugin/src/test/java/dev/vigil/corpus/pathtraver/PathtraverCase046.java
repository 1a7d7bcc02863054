package dev.vigil.corpus.pathtraver;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** names -> map_other_key (safe) -> sink 2: safe */
@Expected(category = "pathtraver", cwe = 22, vulnerable = false)
public class PathtraverCase046 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        java.util.Enumeration<String> names = request.getParameterNames();
        while (names.hasMoreElements()) {
            String name = names.nextElement();
            if (name.startsWith("v")) {
                param = name;
                break;
            }
        }
        try {
            java.util.HashMap<String, Object> map4 = new java.util.HashMap<String, Object>();
            map4.put("keyA-4", "a_Value");
            map4.put("keyB-4", param);
            map4.put("keyC", "another_Value");
            String bar = (String) map4.get("keyA-4");
            java.nio.file.Path p = java.nio.file.Paths.get("/tmp/testfiles", bar);
            byte[] bytes = java.nio.file.Files.readAllBytes(p);
            response.getWriter().println("size " + bytes.length);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
