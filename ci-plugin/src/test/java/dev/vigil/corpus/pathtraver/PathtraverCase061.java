package dev.vigil.corpus.pathtraver;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** pathinfo -> base64 -> safe sink 3: safe */
@Expected(category = "pathtraver", cwe = 22, vulnerable = false)
public class PathtraverCase061 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getPathInfo();
        if (param == null || param.length() < 2) param = "/x";
        param = param.substring(1);
        try {
            String bar = new String(java.util.Base64.getDecoder()
                    .decode(java.util.Base64.getEncoder().encode(param.getBytes())));
            String name = org.apache.commons.io.FilenameUtils.getName(bar);
            java.nio.file.Files.readAllBytes(java.nio.file.Paths.get("/tmp/testfiles", name));
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
