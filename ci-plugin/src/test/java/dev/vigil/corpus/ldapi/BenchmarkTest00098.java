package dev.vigil.corpus.ldapi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 9, propagation 13, sink 0: vulnerable */
@Expected(category = "ldapi", cwe = 90, vulnerable = true)
public class BenchmarkTest00098 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        java.io.InputStream body = request.getInputStream();
        byte[] buffer = new byte[1000];
        int read = body.read(buffer);
        String param = read > 0 ? new String(buffer, 0, read, "UTF-8") : "";
        try {
            String a1 = param;
            StringBuilder b1 = new StringBuilder(a1 + " SafeStuff");
            b1.replace(b1.length() - "Chars".length(), b1.length(), "Chars");
            java.util.HashMap<String, Object> map8 = new java.util.HashMap<String, Object>();
            map8.put("key8", b1.toString());
            String c1 = (String) map8.get("key8");
            String d1 = c1.substring(0, c1.length() - 1);
            String e1 = new String(java.util.Base64.getDecoder()
                    .decode(java.util.Base64.getEncoder().encode(d1.getBytes())));
            String f1 = e1.split(" ")[0];
            dev.vigil.corpus.helpers.ThingInterface thing = dev.vigil.corpus.helpers.ThingFactory.createThing();
            String bar = thing.doSomething(f1);
            dev.vigil.corpus.helpers.LDAPManager ads = new dev.vigil.corpus.helpers.LDAPManager();
            javax.naming.directory.DirContext ctx = ads.getDirContext();
            String base = "ou=users,ou=system";
            javax.naming.directory.SearchControls sc = new javax.naming.directory.SearchControls();
            sc.setSearchScope(javax.naming.directory.SearchControls.SUBTREE_SCOPE);
            String filter = "(&(objectclass=person))(|(uid=" + bar + ")(street={0}))";
            Object[] filters = new Object[] {"The streetz 4 Ms bar"};
            javax.naming.NamingEnumeration<javax.naming.directory.SearchResult> results =
                    ctx.search(base, filter, filters, sc);
            ads.printResults(results, response);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
