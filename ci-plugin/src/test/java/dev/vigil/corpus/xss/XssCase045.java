package dev.vigil.corpus.xss;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** query -> builder_init -> safe sink 2: safe */
@Expected(category = "xss", cwe = 79, vulnerable = false)
public class XssCase045 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String queryString = request.getQueryString();
        String paramName = "vector=";
        int start = queryString == null ? -1 : queryString.indexOf(paramName);
        String param = "";
        if (start >= 0) {
            int end = queryString.indexOf("&", start);
            param = queryString.substring(start + paramName.length(), end < 0 ? queryString.length() : end);
            param = java.net.URLDecoder.decode(param, "UTF-8");
        }
        try {
            StringBuilder sbxyz = new StringBuilder(param);
            String bar = sbxyz.append("_SafeStuff").toString();
            response.getWriter().write(org.springframework.web.util.HtmlUtils.htmlEscape(bar));
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
