package dev.vigil.corpus.ldapi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** header -> builder_init -> safe sink 0: safe */
@Expected(category = "ldapi", cwe = 90, vulnerable = false)
public class LdapiCase039 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        if (request.getHeader("X-Vector") != null) {
            param = request.getHeader("X-Vector");
        }
        param = java.net.URLDecoder.decode(param, "UTF-8");
        try {
            StringBuilder sbxyz = new StringBuilder(param);
            String bar = sbxyz.append("_SafeStuff").toString();
            javax.naming.directory.DirContext ctx = new javax.naming.directory.InitialDirContext(env());
            ctx.search("ou=users,ou=system", "(&(objectclass=person)(uid={0}))", new Object[] {bar}, controls());
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
