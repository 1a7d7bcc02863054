package dev.vigil.corpus.xpathi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 0, propagation 10, sink 2: vulnerable */
@Expected(category = "xpathi", cwe = 643, vulnerable = true)
public class BenchmarkTest00168 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        boolean flag = true;
        java.util.Enumeration<String> names = request.getParameterNames();
        while (names.hasMoreElements() && flag) {
            String name = (String) names.nextElement();
            String[] values = request.getParameterValues(name);
            if (values != null) {
                for (int i = 0; i < values.length && flag; i++) {
                    String value = values[i];
                    if (value.equals("BenchmarkTest00168")) {
                        param = name;
                        flag = false;
                    }
                }
            }
        }
        try {
            String bar = org.owasp
                    .esapi
                    .ESAPI
                    .encoder()
                    .decodeForHTML(org.owasp.esapi.ESAPI.encoder().encodeForHTML(param));
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
