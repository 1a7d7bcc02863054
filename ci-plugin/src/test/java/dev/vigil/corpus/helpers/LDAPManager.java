package dev.vigil.corpus.helpers;

import java.io.IOException;
import java.util.Hashtable;
import javax.naming.Context;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import javax.naming.directory.SearchResult;
import javax.servlet.http.HttpServletResponse;

/** The corpus' directory access, as the benchmark's helper class of the same name. */
public class LDAPManager {
    public DirContext getDirContext() throws NamingException {
        Hashtable<String, String> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
        env.put(Context.PROVIDER_URL, "ldap://localhost:10389");
        return new InitialDirContext(env);
    }

    public void printResults(NamingEnumeration<SearchResult> results, HttpServletResponse response)
            throws NamingException, IOException {
        boolean found = false;
        while (results.hasMore()) {
            results.next();
            found = true;
        }
        response.getWriter().println(found ? "found" : "LDAP query results: nothing found.");
    }
}
