package dev.vigil.corpus.xpathi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 10, propagation 3, sink 1: vulnerable */
@Expected(category = "xpathi", cwe = 643, vulnerable = true)
public class BenchmarkTest00172 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        java.io.BufferedReader reader = request.getReader();
        StringBuilder content = new StringBuilder();
        String line;
        while ((line = reader.readLine()) != null) {
            content.append(line);
        }
        String param = content.toString();
        try {
            String bar = "safe!";
            java.util.HashMap<String, Object> map2 = new java.util.HashMap<String, Object>();
            map2.put("keyA-2", "a_Value");
            map2.put("keyB-2", param);
            map2.put("keyC", "another_Value");
            bar = (String) map2.get("keyB-2");
            bar = (String) map2.get("keyA-2");
            bar = (String) map2.get("keyB-2");
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
