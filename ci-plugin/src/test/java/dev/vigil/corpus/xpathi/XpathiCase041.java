package dev.vigil.corpus.xpathi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** values -> map_same_key -> safe sink 0: safe */
@Expected(category = "xpathi", cwe = 643, vulnerable = false)
public class XpathiCase041 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        String[] values = request.getParameterValues("name");
        if (values != null && values.length > 0) {
            param = values[0];
        }
        try {
            java.util.HashMap<String, Object> map6 = new java.util.HashMap<String, Object>();
            map6.put("keyA-6", "a-Value");
            map6.put("keyB-6", param);
            map6.put("keyC", "another-Value");
            String bar = (String) map6.get("keyB-6");
            javax.xml.xpath.XPath xp =
                    javax.xml.xpath.XPathFactory.newInstance().newXPath();
            xp.setXPathVariableResolver(name -> bar);
            xp.evaluate("/Employees/Employee[@emplid=$id]", source());
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    private static org.xml.sax.InputSource source() {
        return new org.xml.sax.InputSource(new java.io.StringReader("<Employees><Employee emplid='1'/></Employees>"));
    }
}
