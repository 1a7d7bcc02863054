package dev.vigil.corpus.xpathi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** spring -> string_switch (safe) -> sink 2: safe */
@Expected(category = "xpathi", cwe = 643, vulnerable = false)
@RestController
public class XpathiCase038 {
    @PostMapping("/xpathi/XpathiCase038")
    public void handle(@RequestParam("vector") String param, HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        try {
            String bar;
            switch (param) {
                case "alpha":
                    bar = "first";
                    break;
                case "beta":
                    bar = "second";
                    break;
                default:
                    bar = "other";
            }
            javax.xml.xpath.XPath xp =
                    javax.xml.xpath.XPathFactory.newInstance().newXPath();
            Object nodes = xp.evaluate(
                    "/Employees/Employee[@role='" + bar + "']", source(), javax.xml.xpath.XPathConstants.NODESET);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    private static org.xml.sax.InputSource source() {
        return new org.xml.sax.InputSource(new java.io.StringReader("<Employees><Employee emplid='1'/></Employees>"));
    }
}
