package dev.vigil.corpus.ldapi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** spring -> nested_holder -> safe sink 1: safe */
@Expected(category = "ldapi", cwe = 90, vulnerable = false)
@RestController
public class LdapiCase037 {
    @PostMapping("/ldapi/LdapiCase037")
    public void handle(@RequestParam("vector") String param, HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        try {
            String bar = new Holder(param).value();
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

    private static final class Holder {
        private final String v;

        Holder(String v) {
            this.v = v;
        }

        String value() {
            return v;
        }
    }
}
