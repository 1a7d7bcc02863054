package org.owasp.esapi;
/** Test stub of a third-party type: the security rules match it by name. */
public final class ESAPI {
    private ESAPI() {}

    public static Encoder encoder() {
        return null;
    }
}
