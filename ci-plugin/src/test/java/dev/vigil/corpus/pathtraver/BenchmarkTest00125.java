package dev.vigil.corpus.pathtraver;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 4, propagation 0, sink 1: vulnerable */
@Expected(category = "pathtraver", cwe = 22, vulnerable = true)
public class BenchmarkTest00125 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String queryString = request.getQueryString();
        String paramval = "BenchmarkTest00125" + "=";
        int paramLoc = -1;
        if (queryString != null) {
            paramLoc = queryString.indexOf(paramval);
        }
        if (paramLoc == -1) {
            response.getWriter()
                    .println("getQueryString() couldn't find expected parameter '" + "BenchmarkTest00125"
                            + "' in query string.");
            return;
        }
        String param = queryString.substring(paramLoc + paramval.length());
        int ampersandLoc = queryString.indexOf("&", paramLoc);
        if (ampersandLoc != -1) {
            param = queryString.substring(paramLoc + paramval.length(), ampersandLoc);
        }
        param = java.net.URLDecoder.decode(param, "UTF-8");
        try {
            String bar = new Test().doSomething(request, param);
            java.io.File fileTarget =
                    new java.io.File(new java.io.File(dev.vigil.corpus.helpers.Utils.TESTFILES_DIR), bar);
            response.getWriter()
                    .println("Access to file: '"
                            + org.owasp.esapi.ESAPI.encoder().encodeForHTML(fileTarget.toString()) + "' created.");
            if (fileTarget.exists()) {
                response.getWriter().println(" And file already exists.");
            }
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    private class Test {
        public String doSomething(HttpServletRequest request, String param) throws ServletException, IOException {
            String bar;
            int num = 86;
            if ((7 * 42) - num > 200) {
                bar = param;
            } else {
                bar = "This should never happen";
            }
            return bar;
        }
    }
}
