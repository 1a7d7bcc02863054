package dev.vigil.corpus.xpathi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 3, propagation 3, sink 1: vulnerable */
@Expected(category = "xpathi", cwe = 643, vulnerable = true)
public class BenchmarkTest00174 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        javax.servlet.http.Cookie[] theCookies = request.getCookies();
        String param = "noCookieValueSupplied";
        if (theCookies != null) {
            for (javax.servlet.http.Cookie theCookie : theCookies) {
                if (theCookie.getName().equals("BenchmarkTest00174")) {
                    param = java.net.URLDecoder.decode(theCookie.getValue(), "UTF-8");
                    break;
                }
            }
        }
        try {
            String bar = "safe!";
            java.util.HashMap<String, Object> map4 = new java.util.HashMap<String, Object>();
            map4.put("keyA-4", "a_Value");
            map4.put("keyB-4", param);
            map4.put("keyC", "another_Value");
            bar = (String) map4.get("keyB-4");
            bar = (String) map4.get("keyA-4");
            bar = (String) map4.get("keyB-4");
            org.w3c.dom.Document xmlDocument =
                    dev.vigil.corpus.helpers.Utils.employees(this.getClass().getClassLoader());
            javax.xml.xpath.XPath xp =
                    javax.xml.xpath.XPathFactory.newInstance().newXPath();
            String expression = "/Employees/Employee[@emplid='" + bar + "']";
            org.w3c.dom.NodeList nodeList = (org.w3c.dom.NodeList)
                    xp.compile(expression).evaluate(xmlDocument, javax.xml.xpath.XPathConstants.NODESET);
            response.getWriter().println("Your query results are: " + nodeList.getLength());
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
