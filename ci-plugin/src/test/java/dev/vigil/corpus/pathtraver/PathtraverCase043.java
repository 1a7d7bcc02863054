package dev.vigil.corpus.pathtraver;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** header -> helper_branch -> safe sink 0: safe */
@Expected(category = "pathtraver", cwe = 22, vulnerable = false)
public class PathtraverCase043 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        if (request.getHeader("X-Vector") != null) {
            param = request.getHeader("X-Vector");
        }
        param = java.net.URLDecoder.decode(param, "UTF-8");
        try {
            String bar = doSomething(request, param);
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

    private static String doSomething(HttpServletRequest request, String param) throws IOException {
        String bar;
        int num = 86;
        if ((7 * 42) - num > 200) bar = param;
        else bar = "This_should_never_happen";
        return bar;
    }
}
