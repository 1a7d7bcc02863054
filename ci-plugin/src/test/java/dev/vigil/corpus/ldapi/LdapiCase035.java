package dev.vigil.corpus.ldapi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** query -> field_this -> safe sink 1: safe */
@Expected(category = "ldapi", cwe = 90, vulnerable = false)
public class LdapiCase035 extends HttpServlet {
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
            this.last = param;
            String bar = this.last;
            javax.naming.directory.DirContext ctx = new javax.naming.directory.InitialDirContext(env());
            String filter = "(&(objectclass=person)(uid="
                    + org.owasp.esapi.ESAPI.encoder().encodeForLDAP(bar) + "))";
            ctx.search("ou=users,ou=system", filter, controls());
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

    private String last;
}
