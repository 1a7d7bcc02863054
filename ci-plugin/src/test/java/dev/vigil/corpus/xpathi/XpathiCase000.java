package dev.vigil.corpus.xpathi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** spring -> anonymous -> sink 1: vulnerable */
@Expected(category = "xpathi", cwe = 643, vulnerable = true)
@RestController
public class XpathiCase000 {
    @PostMapping("/xpathi/XpathiCase000")
    public void handle(@RequestParam("vector") String param, HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        try {
            java.util.function.UnaryOperator<String> op = new java.util.function.UnaryOperator<String>() {
                @Override
                public String apply(String s) {
                    return s.strip();
                }
            };
            String bar = op.apply(param);
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
}
