package dev.vigil.corpus.pathtraver;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** header -> switch_char -> sink 4: vulnerable */
@Expected(category = "pathtraver", cwe = 22, vulnerable = true)
public class PathtraverCase021 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        if (request.getHeader("User-Agent") != null) {
            param = request.getHeader("User-Agent");
        }
        param = java.net.URLDecoder.decode(param, "UTF-8");
        try {
            String guess = "ABC";
            char switchTarget = guess.charAt(1);
            String bar;
            switch (switchTarget) {
                case 'A':
                    bar = "a_Value";
                    break;
                case 'B':
                    bar = param;
                    break;
                default:
                    bar = "bob's your uncle";
                    break;
            }
            try (java.io.BufferedReader r = java.nio.file.Files.newBufferedReader(
                    java.nio.file.Path.of("/tmp/testfiles").resolve(bar))) {
                r.readLine();
            }
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
