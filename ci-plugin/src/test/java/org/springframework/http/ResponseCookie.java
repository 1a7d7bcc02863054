package org.springframework.http;
/** Test stub of a third-party type: the security rules match it by name. */
public final class ResponseCookie {
    public static ResponseCookieBuilder from(String name, String value) {
        return null;
    }
    /** Builder. */
    public interface ResponseCookieBuilder {
        ResponseCookieBuilder httpOnly(boolean httpOnly);

        ResponseCookieBuilder secure(boolean secure);

        ResponseCookie build();
    }
}
