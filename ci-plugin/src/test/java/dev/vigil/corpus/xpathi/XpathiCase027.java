package dev.vigil.corpus.xpathi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** values -> two_helpers -> sink 0: vulnerable */
@Expected(category = "xpathi", cwe = 643, vulnerable = true)
public class XpathiCase027 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        String[] values = request.getParameterValues("user");
        if (values != null && values.length > 0) {
            param = values[0];
        }
        try {
            String bar = outer(param);
            javax.xml.xpath.XPath xp =
                    javax.xml.xpath.XPathFactory.newInstance().newXPath();
            String expression = "/Employees/Employee[@emplid='" + bar + "']";
            String result = xp.evaluate(expression, source());
            response.getWriter().println(result.isEmpty() ? "none" : "found");
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    private static org.xml.sax.InputSource source() {
        return new org.xml.sax.InputSource(new java.io.StringReader("<Employees><Employee emplid='1'/></Employees>"));
    }

    private static String outer(String in) {
        return inner("<" + in + ">");
    }

    private static String inner(String in) {
        return in.substring(1, in.length() - 1);
    }
}
