package dev.vigil.corpus.trustbound;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 5, propagation 4, safe sink 1: safe */
@Expected(category = "trustbound", cwe = 501, vulnerable = false)
public class BenchmarkTest00274 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        dev.vigil.corpus.helpers.SeparateClassRequest scr = new dev.vigil.corpus.helpers.SeparateClassRequest(request);
        String param = scr.getTheParameter("BenchmarkTest00274");
        if (param == null) {
            param = "";
        }
        try {
            String bar = param;
            if (param != null && param.length() > 1) {
                StringBuilder sbxyz = new StringBuilder(param);
                bar = sbxyz.replace(param.length() - "Z".length(), param.length(), "Z")
                        .toString();
            }
            request.getSession().putValue("userid", "constant-" + "10340");
            response.getWriter().println("len " + bar.length());
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
