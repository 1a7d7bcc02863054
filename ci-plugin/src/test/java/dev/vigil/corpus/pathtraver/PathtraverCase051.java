package dev.vigil.corpus.pathtraver;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** param -> two_helpers -> safe sink 2: safe */
@Expected(category = "pathtraver", cwe = 22, vulnerable = false)
public class PathtraverCase051 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getParameter("vector");
        if (param == null) param = "";
        try {
            String bar = outer(param);
            String name = java.nio.file.Paths.get(bar).getFileName().toString();
            new java.io.FileInputStream("/tmp/testfiles/" + name).close();
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    private static String outer(String in) {
        return inner("<" + in + ">");
    }

    private static String inner(String in) {
        return in.substring(1, in.length() - 1);
    }
}
