package dev.vigil.corpus.pathtraver;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** headers -> nested_holder -> safe sink 0: safe */
@Expected(category = "pathtraver", cwe = 22, vulnerable = false)
public class PathtraverCase047 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        java.util.Enumeration<String> headers = request.getHeaders("X-Forwarded-Host");
        if (headers != null && headers.hasMoreElements()) {
            param = headers.nextElement();
        }
        try {
            String bar = new Holder(param).value();
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

    private static final class Holder {
        private final String v;

        Holder(String v) {
            this.v = v;
        }

        String value() {
            return v;
        }
    }
}
