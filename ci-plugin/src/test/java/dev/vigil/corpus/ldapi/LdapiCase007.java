package dev.vigil.corpus.ldapi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** spring -> switch_char -> sink 2: vulnerable */
@Expected(category = "ldapi", cwe = 90, vulnerable = true)
@RestController
public class LdapiCase007 {
    @PostMapping("/ldapi/LdapiCase007")
    public void handle(@RequestParam("vector") String param, HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        try {
            String guess = "ABC";
            char switchTarget = guess.charAt(1);
            String bar;
            switch (switchTarget) {
                case 'A':
                    bar = "a_Value";
                    break;
                case 'B':
                    bar = param;
                    break;
                default:
                    bar = "bob's your uncle";
                    break;
            }
            javax.naming.directory.InitialDirContext idc = new javax.naming.directory.InitialDirContext(env());
            idc.search("uid=" + bar + ",ou=users,ou=system", "(objectclass=person)", controls());
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
