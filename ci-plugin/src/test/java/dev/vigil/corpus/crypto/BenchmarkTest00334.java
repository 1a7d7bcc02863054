package dev.vigil.corpus.crypto;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** crypto shape 13: vulnerable */
@Expected(category = "crypto", cwe = 327, vulnerable = true)
public class BenchmarkTest00334 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        java.util.Enumeration<String> headers = request.getHeaders("Referer");
        if (headers != null && headers.hasMoreElements()) {
            param = headers.nextElement();
        }
        param = java.net.URLDecoder.decode(param, "UTF-8");
        try {
            java.util.Properties benchmarkprops = new java.util.Properties();
            benchmarkprops.load(this.getClass().getClassLoader().getResourceAsStream("benchmark.properties"));
            String algorithm = benchmarkprops.getProperty("cryptoAlg1", "DESede/ECB/PKCS5Padding");
            javax.crypto.Cipher c = javax.crypto.Cipher.getInstance(algorithm);
            javax.crypto.SecretKey key =
                    javax.crypto.KeyGenerator.getInstance("DES").generateKey();
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
