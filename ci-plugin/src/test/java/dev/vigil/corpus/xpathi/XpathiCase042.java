package dev.vigil.corpus.xpathi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** spring -> lambda_length (safe) -> sink 0: safe */
@Expected(category = "xpathi", cwe = 643, vulnerable = false)
@RestController
public class XpathiCase042 {
    @PostMapping("/xpathi/XpathiCase042")
    public void handle(@RequestParam("vector") String param, HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        try {
            java.util.function.Function<String, String> fn = s -> "len-" + s.length();
            String bar = fn.apply(param);
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
