package dev.vigil.corpus.pathtraver;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** headers -> field_this -> sink 6: vulnerable */
@Expected(category = "pathtraver", cwe = 22, vulnerable = true)
public class PathtraverCase031 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        java.util.Enumeration<String> headers = request.getHeaders("X-Vector");
        if (headers != null && headers.hasMoreElements()) {
            param = headers.nextElement();
        }
        try {
            this.last = param;
            String bar = this.last;
            java.io.File f = new java.io.File("/tmp/testfiles/" + bar);
            boolean deleted = f.delete();
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    private String last;
}
