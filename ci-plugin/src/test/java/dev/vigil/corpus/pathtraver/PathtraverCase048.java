package dev.vigil.corpus.pathtraver;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** param -> allowlist (safe) -> sink 2: safe */
@Expected(category = "pathtraver", cwe = 22, vulnerable = false)
public class PathtraverCase048 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getParameter("vector");
        if (param == null) param = "";
        try {
            java.util.Map<String, String> allowed = new java.util.HashMap<String, String>();
            allowed.put("a", "alpha");
            allowed.put("b", "beta");
            String bar = allowed.getOrDefault(param, "alpha");
            java.nio.file.Path p = java.nio.file.Paths.get("/tmp/testfiles", bar);
            byte[] bytes = java.nio.file.Files.readAllBytes(p);
            response.getWriter().println("size " + bytes.length);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
