package dev.vigil.corpus.pathtraver;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** values -> map_same_key -> sink 5: vulnerable */
@Expected(category = "pathtraver", cwe = 22, vulnerable = true)
public class PathtraverCase028 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        String[] values = request.getParameterValues("file");
        if (values != null && values.length > 0) {
            param = values[0];
        }
        try {
            java.util.HashMap<String, Object> map0 = new java.util.HashMap<String, Object>();
            map0.put("keyA-0", "a-Value");
            map0.put("keyB-0", param);
            map0.put("keyC", "another-Value");
            String bar = (String) map0.get("keyB-0");
            new java.io.FileReader("/tmp/testfiles/" + bar).close();
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
