package dev.vigil.corpus.xpathi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 5, propagation 1, safe sink 0: safe */
@Expected(category = "xpathi", cwe = 643, vulnerable = false)
public class BenchmarkTest00184 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        dev.vigil.corpus.helpers.SeparateClassRequest scr = new dev.vigil.corpus.helpers.SeparateClassRequest(request);
        String param = scr.getTheParameter("BenchmarkTest00184");
        if (param == null) {
            param = "";
        }
        try {
            dev.vigil.corpus.helpers.ThingInterface thing = dev.vigil.corpus.helpers.ThingFactory.createThing();
            String bar = thing.doSomething(param);
            org.w3c.dom.Document xmlDocument =
                    dev.vigil.corpus.helpers.Utils.employees(this.getClass().getClassLoader());
            javax.xml.xpath.XPath xp =
                    javax.xml.xpath.XPathFactory.newInstance().newXPath();
            String expression = "/Employees/Employee[@emplid='"
                    + org.owasp.esapi.ESAPI.encoder().encodeForXPath(bar) + "']";
            String result = xp.evaluate(expression, xmlDocument);
            response.getWriter().println("Your query results are: " + org.owasp.encoder.Encode.forHtml(result));
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
