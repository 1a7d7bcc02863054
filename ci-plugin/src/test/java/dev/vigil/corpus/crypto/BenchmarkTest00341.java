package dev.vigil.corpus.crypto;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** crypto shape 0: safe */
@Expected(category = "crypto", cwe = 327, vulnerable = false)
public class BenchmarkTest00341 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String queryString = request.getQueryString();
        String paramval = "BenchmarkTest00341" + "=";
        int paramLoc = -1;
        if (queryString != null) {
            paramLoc = queryString.indexOf(paramval);
        }
        if (paramLoc == -1) {
            response.getWriter()
                    .println("getQueryString() couldn't find expected parameter '" + "BenchmarkTest00341"
                            + "' in query string.");
            return;
        }
        String param = queryString.substring(paramLoc + paramval.length());
        int ampersandLoc = queryString.indexOf("&", paramLoc);
        if (ampersandLoc != -1) {
            param = queryString.substring(paramLoc + paramval.length(), ampersandLoc);
        }
        param = java.net.URLDecoder.decode(param, "UTF-8");
        try {
            java.util.Properties benchmarkprops = new java.util.Properties();
            benchmarkprops.load(this.getClass().getClassLoader().getResourceAsStream("benchmark.properties"));
            String algorithm = benchmarkprops.getProperty("cryptoAlg2", "AES/ECB/PKCS5Padding");
            javax.crypto.Cipher c = javax.crypto.Cipher.getInstance(algorithm);
            javax.crypto.SecretKey key =
                    javax.crypto.KeyGenerator.getInstance("AES").generateKey();
            c.init(javax.crypto.Cipher.ENCRYPT_MODE, key);
            byte[] input = {(byte) '?'};
            Object inputParam = param;
            if (inputParam instanceof String) {
                input = ((String) inputParam).getBytes();
            }
            byte[] result = c.doFinal(input);
            response.getWriter()
                    .println("Sensitive value: '"
                            + org.owasp.esapi.ESAPI.encoder().encodeForHTML(new String(input))
                            + "' encrypted and stored (" + result.length + " bytes)<br/>");
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
