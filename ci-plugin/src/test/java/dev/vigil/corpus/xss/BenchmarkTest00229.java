package dev.vigil.corpus.xss;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 4, safe propagation 11, sink 2: safe */
@Expected(category = "xss", cwe = 79, vulnerable = false)
public class BenchmarkTest00229 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String queryString = request.getQueryString();
        String paramval = "BenchmarkTest00229" + "=";
        int paramLoc = -1;
        if (queryString != null) {
            paramLoc = queryString.indexOf(paramval);
        }
        if (paramLoc == -1) {
            response.getWriter()
                    .println("getQueryString() couldn't find expected parameter '" + "BenchmarkTest00229"
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
            String bar = "";
            try {
                bar = Integer.toString(Integer.parseInt(param.trim()));
            } catch (NumberFormatException e) {
                bar = "0";
            }
            response.setHeader("X-XSS-Protection", "0");
            response.getWriter().write(bar.toCharArray());
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
