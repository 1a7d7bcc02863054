package dev.vigil.corpus.trustbound;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 5, propagation 11, sink 3: vulnerable */
@Expected(category = "trustbound", cwe = 501, vulnerable = true)
public class BenchmarkTest00250 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        dev.vigil.corpus.helpers.SeparateClassRequest scr = new dev.vigil.corpus.helpers.SeparateClassRequest(request);
        String param = scr.getTheParameter("BenchmarkTest00250");
        if (param == null) {
            param = "";
        }
        try {
            String bar = null;
            if (param != null) {
                bar = new String(org.apache.commons.codec.binary.Base64.decodeBase64(
                        org.apache.commons.codec.binary.Base64.encodeBase64(param.getBytes())));
            }
            javax.servlet.http.HttpSession session = request.getSession(true);
            session.setAttribute(bar, "10340");
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
