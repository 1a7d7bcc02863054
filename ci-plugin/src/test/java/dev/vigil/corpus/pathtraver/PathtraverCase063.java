package dev.vigil.corpus.pathtraver;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** header -> builder -> safe sink 0: safe */
@Expected(category = "pathtraver", cwe = 22, vulnerable = false)
public class PathtraverCase063 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        if (request.getHeader("X-Forwarded-Host") != null) {
            param = request.getHeader("X-Forwarded-Host");
        }
        param = java.net.URLDecoder.decode(param, "UTF-8");
        try {
            StringBuilder sb = new StringBuilder();
            sb.append("echo-").append(param);
            String bar = sb.toString();
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
