package dev.vigil.corpus.ldapi;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** spring -> string_switch (safe) -> sink 3: safe */
@Expected(category = "ldapi", cwe = 90, vulnerable = false)
@RestController
public class LdapiCase042 {
    @PostMapping("/ldapi/LdapiCase042")
    public void handle(@RequestParam("vector") String param, HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        try {
            String bar;
            switch (param) {
                case "alpha":
                    bar = "first";
                    break;
                case "beta":
                    bar = "second";
                    break;
                default:
                    bar = "other";
            }
            javax.naming.directory.DirContext ctx = new javax.naming.directory.InitialDirContext(env());
            ctx.search("ou=users,ou=system", String.format("(mail=%s)", bar), controls());
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
