package dev.vigil.corpus.xpathi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** spring -> builder -> safe sink 1: safe */
@Expected(category = "xpathi", cwe = 643, vulnerable = false)
@RestController
public class XpathiCase045 {
    @PostMapping("/xpathi/XpathiCase045")
    public void handle(@RequestParam("vector") String param, HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        try {
            StringBuilder sb = new StringBuilder();
            sb.append("lima-").append(param);
            String bar = sb.toString();
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
}
