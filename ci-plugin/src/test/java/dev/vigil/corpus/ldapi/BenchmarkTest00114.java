package dev.vigil.corpus.ldapi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 9, propagation 4, safe sink 0: safe */
@Expected(category = "ldapi", cwe = 90, vulnerable = false)
public class BenchmarkTest00114 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        java.io.InputStream body = request.getInputStream();
        byte[] buffer = new byte[1000];
        int read = body.read(buffer);
        String param = read > 0 ? new String(buffer, 0, read, "UTF-8") : "";
        try {
            String bar = param;
            if (param != null && param.length() > 1) {
                StringBuilder sbxyz = new StringBuilder(param);
                bar = sbxyz.replace(param.length() - "Z".length(), param.length(), "Z")
                        .toString();
            }
            dev.vigil.corpus.helpers.LDAPManager ads = new dev.vigil.corpus.helpers.LDAPManager();
            javax.naming.directory.DirContext ctx = ads.getDirContext();
            String base = "ou=users,ou=system";
            javax.naming.directory.SearchControls sc = new javax.naming.directory.SearchControls();
            sc.setSearchScope(javax.naming.directory.SearchControls.SUBTREE_SCOPE);
            String filter = "(&(objectclass=person))(|(uid={0})(street={1}))";
            Object[] filters = new Object[] {bar, "The streetz 4 Ms bar"};
            javax.naming.NamingEnumeration<javax.naming.directory.SearchResult> results =
                    ctx.search(base, filter, filters, sc);
            ads.printResults(results, response);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
