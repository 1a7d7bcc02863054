package dev.vigil.demo;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.vigil.jwt.JwtPrincipal;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** {@code GET /api/me} (the caller, from the verified token) and {@code GET /healthz}. */
final class ApiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getRequestURI();
        if (path.equals("/healthz")) {
            json(resp, 200, Map.of("status", "ok"));
        } else if (path.equals("/api/me") && req.getUserPrincipal() instanceof JwtPrincipal p) {
            Map<String, Object> me = new LinkedHashMap<>();
            me.put("sub", p.getName());
            me.put("iss", p.issuer());
            me.put("scopes", List.copyOf(new TreeSet<>(p.scopes())));
            me.put("expires_at", p.expiresAt().getEpochSecond());
            json(resp, 200, me);
        } else {
            problem(resp, 404, "not_found");
        }
    }

    static void json(HttpServletResponse resp, int status, Map<String, Object> body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setHeader("Cache-Control", "no-store");
        resp.getOutputStream().write(JSONObjectUtils.toJSONString(body).getBytes(StandardCharsets.UTF_8));
    }

    static void problem(HttpServletResponse resp, int status, String code) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/problem+json");
        resp.getOutputStream()
                .write(("{\"status\":" + status + ",\"detail\":\"" + code + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
