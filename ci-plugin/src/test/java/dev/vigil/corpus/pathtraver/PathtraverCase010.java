package dev.vigil.corpus.pathtraver;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** values -> nested_holder -> sink 6: vulnerable */
@Expected(category = "pathtraver", cwe = 22, vulnerable = true)
public class PathtraverCase010 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        String[] values = request.getParameterValues("user");
        if (values != null && values.length > 0) {
            param = values[0];
        }
        try {
            String bar = new Holder(param).value();
            java.io.File f = new java.io.File("/tmp/testfiles/" + bar);
            boolean deleted = f.delete();
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
