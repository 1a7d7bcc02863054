package dev.vigil.corpus.helpers;

import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletRequest;

/** Reads request data on behalf of a corpus case, as the benchmark's helper class of the same name does. */
public class SeparateClassRequest {
    private final HttpServletRequest request;

    public SeparateClassRequest(HttpServletRequest request) {
        this.request = request;
    }

    public String getTheParameter(String p) {
        return request.getParameter(p);
    }

    public String getTheCookie(String c) {
        Cookie[] cookies = request.getCookies();
        String value = "";
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (cookie.getName().equals(c)) {
                    value = cookie.getValue();
                    break;
                }
            }
        }
        return value;
    }
}
