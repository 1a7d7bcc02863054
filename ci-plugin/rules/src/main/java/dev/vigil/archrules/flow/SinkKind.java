package dev.vigil.archrules.flow;

/** Where tainted data must not arrive, with the weakness it causes and the taint kinds that matter there. */
public enum SinkKind {
    COMMAND(78, Taint.REQUEST, "OS command injection"),
    SQL(89, Taint.REQUEST, "SQL injection"),
    LDAP(90, Taint.REQUEST, "LDAP injection"),
    PATH(22, Taint.REQUEST, "path traversal"),
    XPATH(643, Taint.REQUEST, "XPath injection"),
    XSS(79, Taint.REQUEST, "cross-site scripting"),
    TRUST_BOUNDARY(501, Taint.REQUEST, "trust boundary violation"),
    /** Predictable random numbers reaching a cookie, a session, a header or a secret. */
    RANDOM_SECRET(330, Taint.RANDOM, "predictable secret"),
    /** Predictable random numbers drawn at all (reported in security packages only). */
    RANDOM_USE(330, Taint.RANDOM, "predictable random number");

    private final int cwe;
    final int kinds;
    private final String title;

    SinkKind(int cwe, int kinds, String title) {
        this.cwe = cwe;
        this.kinds = kinds;
        this.title = title;
    }

    public int cwe() {
        return cwe;
    }

    public String title() {
        return title;
    }

    int bit() {
        return 1 << ordinal();
    }

    static int mask(SinkKind... kinds) {
        int m = 0;
        for (SinkKind k : kinds) {
            m |= k.bit();
        }
        return m;
    }
}
