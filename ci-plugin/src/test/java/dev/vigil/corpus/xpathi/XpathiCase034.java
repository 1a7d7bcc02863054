package dev.vigil.corpus.xpathi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** cookie -> helper_const (safe) -> sink 1: safe */
@Expected(category = "xpathi", cwe = 643, vulnerable = false)
public class XpathiCase034 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "noCookieValueSupplied";
        javax.servlet.http.Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (javax.servlet.http.Cookie cookie : cookies) {
                if (cookie.getName().equals("name")) {
                    param = java.net.URLDecoder.decode(cookie.getValue(), "UTF-8");
                    break;
                }
            }
        }
        try {
            String bar = adapt(param);
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

    private static String adapt(String in) {
        if (in == null) {
            return "none";
        }
        return "fixed-value";
    }
}
