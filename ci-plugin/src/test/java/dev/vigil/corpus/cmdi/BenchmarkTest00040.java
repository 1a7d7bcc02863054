package dev.vigil.corpus.cmdi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 10, propagation 6, safe sink 1: safe */
@Expected(category = "cmdi", cwe = 78, vulnerable = false)
public class BenchmarkTest00040 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        java.io.BufferedReader reader = request.getReader();
        StringBuilder content = new StringBuilder();
        String line;
        while ((line = reader.readLine()) != null) {
            content.append(line);
        }
        String param = content.toString();
        try {
            String bar;
            String guess = "ABC";
            char switchTarget = guess.charAt(1);
            switch (switchTarget) {
                case 'A':
                    bar = "a_Value";
                    break;
                case 'B':
                    bar = param;
                    break;
                case 'C':
                case 'D':
                    bar = "bobs_your_uncle";
                    break;
                default:
                    bar = "bobs_your_uncle";
                    break;
            }
            java.util.List<String> argList = new java.util.ArrayList<String>();
            argList.add("sh");
            argList.add("-c");
            argList.add(
                    "echo " + org.owasp.esapi.ESAPI.encoder().encodeForOS(new org.owasp.esapi.codecs.UnixCodec(), bar));
            Process p = new ProcessBuilder(argList).start();
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
