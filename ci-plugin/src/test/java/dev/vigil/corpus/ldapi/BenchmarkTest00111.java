package dev.vigil.corpus.ldapi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** source 0, safe propagation 10, sink 2: safe */
@Expected(category = "ldapi", cwe = 90, vulnerable = false)
public class BenchmarkTest00111 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        boolean flag = true;
        java.util.Enumeration<String> names = request.getParameterNames();
        while (names.hasMoreElements() && flag) {
            String name = (String) names.nextElement();
            String[] values = request.getParameterValues(name);
            if (values != null) {
                for (int i = 0; i < values.length && flag; i++) {
                    String value = values[i];
                    if (value.equals("BenchmarkTest00111")) {
                        param = name;
                        flag = false;
                    }
                }
            }
        }
        try {
            StringBuilder sb = new StringBuilder();
            java.util.Map<String, String> cache = dev.vigil.corpus.helpers.Utils.remember("last", param);
            sb.append(cache.get("fixed"));
            String bar = sb.toString();
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
