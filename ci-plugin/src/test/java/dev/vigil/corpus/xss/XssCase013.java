package dev.vigil.corpus.xss;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** headers -> helper_branch -> sink 4: vulnerable */
@Expected(category = "xss", cwe = 79, vulnerable = true)
public class XssCase013 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        java.util.Enumeration<String> headers = request.getHeaders("Referer");
        if (headers != null && headers.hasMoreElements()) {
            param = headers.nextElement();
        }
        try {
            String bar = doSomething(request, param);
            response.getOutputStream().print(bar);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    private static String doSomething(HttpServletRequest request, String param) throws IOException {
        String bar;
        int num = 6;
        if ((7 * 42) - num > 200) bar = param;
        else bar = "This_should_never_happen";
        return bar;
    }
}
