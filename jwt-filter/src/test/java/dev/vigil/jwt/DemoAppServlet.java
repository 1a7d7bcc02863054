package dev.vigil.jwt;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/** The application behind the filter in container tests: echoes who called, and logs users in. */
public class DemoAppServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain");
        if (req.getRequestURI().equals("/healthz")) {
            resp.getWriter().print("ok");
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> claims = (Map<String, Object>) req.getAttribute(JwtAuthFilter.CLAIMS_ATTRIBUTE);
        resp.getWriter()
                .print(req.getUserPrincipal().getName() + "|" + req.isUserInRole("orders:read") + "|"
                        + req.isUserInRole("admin") + "|" + req.getAuthType() + "|" + claims.get("iss"));
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!req.getRequestURI().equals("/auth/login")) {
            resp.sendError(404);
            return;
        }
        RefreshTokenService sessions =
                (RefreshTokenService) getServletContext().getAttribute(JwtAuthFilter.SESSIONS_ATTRIBUTE);
        String user = req.getParameter("user");
        if (!"alice".equals(user)) {
            resp.sendError(401);
            return;
        }
        try {
            SessionTokens t = sessions.endpoints().login(user, Set.of("orders:read"), req, resp);
            sessions.endpoints().writeTokens(resp, t);
        } catch (RefreshException e) {
            resp.sendError(e.status(), e.reason());
        }
    }
}
