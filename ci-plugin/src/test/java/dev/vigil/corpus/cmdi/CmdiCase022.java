package dev.vigil.corpus.cmdi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** query -> builder -> sink 2: vulnerable */
@Expected(category = "cmdi", cwe = 78, vulnerable = true)
public class CmdiCase022 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String queryString = request.getQueryString();
        String paramName = "file=";
        int start = queryString == null ? -1 : queryString.indexOf(paramName);
        String param = "";
        if (start >= 0) {
            int end = queryString.indexOf("&", start);
            param = queryString.substring(start + paramName.length(), end < 0 ? queryString.length() : end);
            param = java.net.URLDecoder.decode(param, "UTF-8");
        }
        try {
            StringBuilder sb = new StringBuilder();
            sb.append("delta-").append(param);
            String bar = sb.toString();
            ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", "ls " + bar);
            pb.start();
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
