package dev.vigil.corpus.ldapi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** pathinfo -> inner -> safe sink 0: safe */
@Expected(category = "ldapi", cwe = 90, vulnerable = false)
public class LdapiCase057 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = request.getPathInfo();
        if (param == null || param.length() < 2) param = "/x";
        param = param.substring(1);
        try {
            String bar = new Test().doSomething(request, param);
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

    private class Test {
        public String doSomething(HttpServletRequest request, String param) throws IOException {
            String bar = param.trim();
            return bar;
        }
    }
}
