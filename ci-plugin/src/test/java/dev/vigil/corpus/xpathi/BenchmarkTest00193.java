package dev.vigil.corpus.xpathi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 5, safe propagation 3, sink 2: safe */
@Expected(category = "xpathi", cwe = 643, vulnerable = false)
public class BenchmarkTest00193 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        dev.vigil.corpus.helpers.SeparateClassRequest scr = new dev.vigil.corpus.helpers.SeparateClassRequest(request);
        String param = scr.getTheParameter("BenchmarkTest00193");
        if (param == null) {
            param = "";
        }
        try {
            int num = 86;
            String bar = (7 * 42) - num > 200 ? "This_should_always_happen" : param;
            org.w3c.dom.Document xmlDocument =
                    dev.vigil.corpus.helpers.Utils.employees(this.getClass().getClassLoader());
            javax.xml.xpath.XPath xp =
                    javax.xml.xpath.XPathFactory.newInstance().newXPath();
            StringBuilder expression = new StringBuilder("/Employees/Employee[@name='");
            expression.append(bar).append("']/salary");
            Object result = xp.evaluate(expression.toString(), xmlDocument, javax.xml.xpath.XPathConstants.STRING);
            response.getWriter().println("found " + (result != null));
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
