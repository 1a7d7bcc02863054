package dev.vigil.corpus.trustbound;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** query -> numeric (safe) -> sink 3: safe */
@Expected(category = "trustbound", cwe = 501, vulnerable = false)
public class TrustboundCase032 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String queryString = request.getQueryString();
        String paramName = "id=";
        int start = queryString == null ? -1 : queryString.indexOf(paramName);
        String param = "";
        if (start >= 0) {
            int end = queryString.indexOf("&", start);
            param = queryString.substring(start + paramName.length(), end < 0 ? queryString.length() : end);
            param = java.net.URLDecoder.decode(param, "UTF-8");
        }
        try {
            int n;
            try {
                n = Integer.parseInt(param.trim());
            } catch (NumberFormatException e) {
                n = 0;
            }
            String bar = Integer.toString(n);
            javax.servlet.http.HttpSession httpSession = request.getSession();
            httpSession.setAttribute("last-search", "q=" + bar);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
