package dev.vigil.corpus.pathtraver;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** names -> split -> safe sink 0: safe */
@Expected(category = "pathtraver", cwe = 22, vulnerable = false)
public class PathtraverCase035 extends HttpServlet {
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
            String bar = param.split(" ")[0];
            java.nio.file.Path base =
                    java.nio.file.Paths.get("/tmp/testfiles").toAbsolutePath().normalize();
            java.nio.file.Path p = base.resolve(bar).normalize();
            if (!p.startsWith(base)) {
                response.sendError(403);
                return;
            }
            java.nio.file.Files.readAllBytes(p);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
