package dev.vigil.jwt.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** RFC 6750 challenges with an RFC 9457 problem body. Never echoes the token. */
public final class BearerErrors {
    private BearerErrors() {}

    /** 401 without error attributes: the request carried no token. */
    public static void missingToken(HttpServletResponse resp, String realm) throws IOException {
        resp.setHeader("WWW-Authenticate", "Bearer realm=\"" + quote(realm) + "\"");
        problem(resp, 401, "Unauthorized", "missing_token");
    }

    /** 401 invalid_token, or 503 with Retry-After when keys are unavailable. */
    public static void invalidToken(
            HttpServletResponse resp, String realm, Reason reason, String scheme, int retryAfterSeconds)
            throws IOException {
        if (reason.status() == 503) {
            resp.setHeader("Retry-After", Integer.toString(retryAfterSeconds));
            problem(resp, 503, "Service Unavailable", reason.code());
            return;
        }
        resp.setHeader(
                "WWW-Authenticate",
                scheme + " realm=\"" + quote(realm) + "\", error=\"invalid_token\", error_description=\""
                        + reason.code() + "\"");
        problem(resp, 401, "Unauthorized", reason.code());
    }

    public static void invalidRequest(HttpServletResponse resp, String realm, String code) throws IOException {
        resp.setHeader(
                "WWW-Authenticate",
                "Bearer realm=\"" + quote(realm) + "\", error=\"invalid_request\", error_description=\"" + code + "\"");
        problem(resp, 400, "Bad Request", code);
    }

    public static void insufficientScope(HttpServletResponse resp, String realm, String scopes) throws IOException {
        resp.setHeader(
                "WWW-Authenticate",
                "Bearer realm=\"" + quote(realm)
                        + "\", error=\"insufficient_scope\", error_description=\"insufficient_scope\", scope=\""
                        + quote(scopes) + "\"");
        problem(resp, 403, "Forbidden", "insufficient_scope");
    }

    /** Writes {@code application/problem+json}; {@code code} is a fixed identifier, never user input. */
    public static void problem(HttpServletResponse resp, int status, String title, String code) throws IOException {
        resp.setStatus(status);
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentType("application/problem+json");
        byte[] body = ("{\"type\":\"https://vigil.dev/problems/" + code + "\",\"title\":\"" + title + "\",\"status\":"
                        + status + ",\"detail\":\"" + code + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }

    private static String quote(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
