package dev.vigil.demo;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.vigil.jwt.RefreshException;
import dev.vigil.jwt.RefreshTokenService;
import dev.vigil.jwt.SessionTokens;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;

/** {@code POST /auth/login} with {@code {"username","password"}}: 200 with tokens and the refresh cookie, or 401. */
final class LoginServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final int MAX_BODY = 4096;

    private final transient Users users;
    private final transient RefreshTokenService sessions;

    LoginServlet(Users users, RefreshTokenService sessions) {
        this.users = users;
        this.sessions = sessions;
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Map<String, Object> body;
        try (InputStream in = req.getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                ApiServlet.problem(resp, 413, "request_too_large");
                return;
            }
            body = JSONObjectUtils.parse(Users.utf8(bytes));
        } catch (java.text.ParseException e) {
            ApiServlet.problem(resp, 400, "invalid_json");
            return;
        }
        if (!(body.get("username") instanceof String name) || !(body.get("password") instanceof String password)) {
            ApiServlet.problem(resp, 400, "username_and_password_required");
            return;
        }
        if (!users.check(name, password)) {
            ApiServlet.problem(resp, 401, "invalid_credentials");
            return;
        }
        try {
            SessionTokens tokens = sessions.endpoints().login(name, Set.of("profile", "orders:read"), req, resp);
            sessions.endpoints().writeTokens(resp, tokens);
        } catch (RefreshException e) {
            ApiServlet.problem(resp, e.status(), e.reason());
        }
    }
}
