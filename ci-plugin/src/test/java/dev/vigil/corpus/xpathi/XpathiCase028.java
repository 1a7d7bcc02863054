package dev.vigil.corpus.xpathi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** headers -> helper_branch -> sink 1: vulnerable */
@Expected(category = "xpathi", cwe = 643, vulnerable = true)
public class XpathiCase028 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        java.util.Enumeration<String> headers = request.getHeaders("Referer");
        if (headers != null && headers.hasMoreElements()) {
            param = headers.nextElement();
        }
        try {
            String bar = doSomething(request, param);
            javax.xml.xpath.XPath xp =
                    javax.xml.xpath.XPathFactory.newInstance().newXPath();
            javax.xml.xpath.XPathExpression compiled = xp.compile("//Employee[name='" + bar + "']");
            compiled.evaluate(source());
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    private static org.xml.sax.InputSource source() {
        return new org.xml.sax.InputSource(new java.io.StringReader("<Employees><Employee emplid='1'/></Employees>"));
    }

    private static String doSomething(HttpServletRequest request, String param) throws IOException {
        String bar;
        int num = 86;
        if ((7 * 42) - num > 200) bar = param;
        else bar = "This_should_never_happen";
        return bar;
    }
}
