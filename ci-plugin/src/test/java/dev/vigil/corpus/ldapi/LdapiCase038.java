package dev.vigil.corpus.ldapi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** header -> allowlist (safe) -> sink 1: safe */
@Expected(category = "ldapi", cwe = 90, vulnerable = false)
public class LdapiCase038 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        if (request.getHeader("Referer") != null) {
            param = request.getHeader("Referer");
        }
        param = java.net.URLDecoder.decode(param, "UTF-8");
        try {
            java.util.Map<String, String> allowed = new java.util.HashMap<String, String>();
            allowed.put("a", "alpha");
            allowed.put("b", "beta");
            String bar = allowed.getOrDefault(param, "alpha");
            javax.naming.directory.DirContext ctx = new javax.naming.directory.InitialDirContext(env());
            StringBuilder filter = new StringBuilder("(&(objectclass=person)");
            filter.append("(uid=").append(bar).append("))");
            ctx.search("ou=users,ou=system", filter.toString(), controls());
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    private static java.util.Hashtable<String, String> env() {
        java.util.Hashtable<String, String> env = new java.util.Hashtable<String, String>();
        env.put(javax.naming.Context.PROVIDER_URL, "ldap://localhost:10389");
        return env;
    }

    private static javax.naming.directory.SearchControls controls() {
        javax.naming.directory.SearchControls sc = new javax.naming.directory.SearchControls();
        sc.setSearchScope(javax.naming.directory.SearchControls.SUBTREE_SCOPE);
        return sc;
    }
}
