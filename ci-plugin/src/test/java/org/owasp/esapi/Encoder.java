package org.owasp.esapi;
/** Test stub of a third-party type: the security rules match it by name. */
public interface Encoder {
    String encodeForHTML(String s);

    String encodeForHTMLAttribute(String s);

    String encodeForJavaScript(String s);

    String encodeForLDAP(String s);

    String encodeForXPath(String s);

    String encodeForSQL(Object codec, String s);

    String encodeForOS(Object codec, String s);
}
