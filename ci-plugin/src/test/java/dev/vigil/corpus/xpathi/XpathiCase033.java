package dev.vigil.corpus.xpathi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** names -> nested_holder -> safe sink 1: safe */
@Expected(category = "xpathi", cwe = 643, vulnerable = false)
public class XpathiCase033 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        java.util.Enumeration<String> names = request.getParameterNames();
        while (names.hasMoreElements()) {
            String name = names.nextElement();
            if (name.startsWith("v")) {
                param = name;
                break;
            }
        }
        try {
            String bar = new Holder(param).value();
            javax.xml.xpath.XPath xp =
                    javax.xml.xpath.XPathFactory.newInstance().newXPath();
            String expression = "/Employees/Employee[@emplid='"
                    + org.owasp.esapi.ESAPI.encoder().encodeForXPath(bar) + "']";
            xp.evaluate(expression, source());
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    private static org.xml.sax.InputSource source() {
        return new org.xml.sax.InputSource(new java.io.StringReader("<Employees><Employee emplid='1'/></Employees>"));
    }

    private static final class Holder {
        private final String v;

        Holder(String v) {
            this.v = v;
        }

        String value() {
            return v;
        }
    }
}
