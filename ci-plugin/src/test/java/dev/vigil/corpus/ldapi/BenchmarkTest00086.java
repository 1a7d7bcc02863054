package dev.vigil.corpus.ldapi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 2, propagation 13, sink 2: vulnerable */
@Expected(category = "ldapi", cwe = 90, vulnerable = true)
public class BenchmarkTest00086 extends HttpServlet {
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
            String a1 = param;
            StringBuilder b1 = new StringBuilder(a1 + " SafeStuff");
            b1.replace(b1.length() - "Chars".length(), b1.length(), "Chars");
            java.util.HashMap<String, Object> map6 = new java.util.HashMap<String, Object>();
            map6.put("key6", b1.toString());
            String c1 = (String) map6.get("key6");
            String d1 = c1.substring(0, c1.length() - 1);
            String e1 = new String(java.util.Base64.getDecoder()
                    .decode(java.util.Base64.getEncoder().encode(d1.getBytes())));
            String f1 = e1.split(" ")[0];
            dev.vigil.corpus.helpers.ThingInterface thing = dev.vigil.corpus.helpers.ThingFactory.createThing();
            String bar = thing.doSomething(f1);
            dev.vigil.corpus.helpers.LDAPManager ads = new dev.vigil.corpus.helpers.LDAPManager();
            javax.naming.directory.InitialDirContext idc =
                    (javax.naming.directory.InitialDirContext) ads.getDirContext();
            String base = "uid=" + bar + ",ou=users,ou=system";
            javax.naming.NamingEnumeration<javax.naming.directory.SearchResult> results =
                    idc.search(base, "(objectclass=person)", new javax.naming.directory.SearchControls());
            ads.printResults(results, response);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
