package dev.vigil.corpus.xpathi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 6, safe propagation 2, sink 2: safe */
@Expected(category = "xpathi", cwe = 643, vulnerable = false)
public class BenchmarkTest00195 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        dev.vigil.corpus.helpers.SeparateClassRequest scr = new dev.vigil.corpus.helpers.SeparateClassRequest(request);
        String param = scr.getTheCookie("BenchmarkTest00195");
        try {
            String bar = "safe!";
            java.util.HashMap<String, Object> map5 = new java.util.HashMap<String, Object>();
            map5.put("keyA-5", "a-Value");
            map5.put("keyB-5", param);
            map5.put("keyC", "another-Value");
            bar = (String) map5.get("keyA-5");
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
