package dev.vigil.corpus.xpathi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** spring -> direct -> sink 0: vulnerable */
@Expected(category = "xpathi", cwe = 643, vulnerable = true)
@RestController
public class XpathiCase031 {
    @PostMapping("/xpathi/XpathiCase031")
    public void handle(@RequestParam("vector") String param, HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        try {
            String bar = param;
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
}
