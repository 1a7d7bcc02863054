package dev.vigil.corpus.pathtraver;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 9, propagation 1, sink 4: vulnerable */
@Expected(category = "pathtraver", cwe = 22, vulnerable = true)
public class BenchmarkTest00133 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        java.io.InputStream body = request.getInputStream();
        byte[] buffer = new byte[1000];
        int read = body.read(buffer);
        String param = read > 0 ? new String(buffer, 0, read, "UTF-8") : "";
        try {
            dev.vigil.corpus.helpers.ThingInterface thing = dev.vigil.corpus.helpers.ThingFactory.createThing();
            String bar = thing.doSomething(param);
            java.nio.file.Path path = java.nio.file.Paths.get(dev.vigil.corpus.helpers.Utils.TESTFILES_DIR + bar);
            try (java.io.InputStream is =
                    java.nio.file.Files.newInputStream(path, java.nio.file.StandardOpenOption.READ)) {
                byte[] b = new byte[1000];
                int size = is.read(b);
                response.getWriter().println("read " + size);
            }
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
