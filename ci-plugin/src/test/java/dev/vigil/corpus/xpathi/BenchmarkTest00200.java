package dev.vigil.corpus.xpathi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 9, propagation 10, safe sink 1: safe */
@Expected(category = "xpathi", cwe = 643, vulnerable = false)
public class BenchmarkTest00200 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        java.io.InputStream body = request.getInputStream();
        byte[] buffer = new byte[1000];
        int read = body.read(buffer);
        String param = read > 0 ? new String(buffer, 0, read, "UTF-8") : "";
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
            final String id = bar;
            xp.setXPathVariableResolver(v -> id);
            String result = xp.evaluate("/Employees/Employee[@emplid=$id]", xmlDocument);
            response.getWriter().println("Your query results are: " + org.owasp.encoder.Encode.forHtml(result));
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
