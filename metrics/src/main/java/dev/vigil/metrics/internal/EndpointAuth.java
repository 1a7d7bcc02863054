package dev.vigil.metrics.internal;

import dev.vigil.metrics.MetricsConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/** Checks the scrape's Authorization header against basic auth (SHA-256 hashed password) or a bearer token file. */
public abstract class EndpointAuth {
    /** Returns null when allowed, else the WWW-Authenticate challenge to send with a 401. */
    public abstract String check(String authorization);

    /** The check the configuration asks for; no authentication allows every request. */
    public static EndpointAuth of(MetricsConfig config) {
        if (config.basicAuthUser() != null) {
            return new Basic(config.basicAuthUser(), HexFormat.of().parseHex(config.basicAuthPasswordSha256()));
        }
        if (config.bearerTokenFile() != null) {
            return new Bearer(config.bearerTokenFile());
        }
        return new EndpointAuth() {
            @Override
            public String check(String authorization) {
                return null;
            }
        };
    }

    static byte[] sha256(byte[] in) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(in);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Basic extends EndpointAuth {
        private final byte[] user;
        private final byte[] passwordHash;

        Basic(String user, byte[] passwordHash) {
            this.user = sha256(user.getBytes(StandardCharsets.UTF_8));
            this.passwordHash = passwordHash;
        }

        @Override
        public String check(String authorization) {
            String challenge = "Basic realm=\"metrics\", charset=\"UTF-8\"";
            if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
                return challenge;
            }
            String decoded;
            try {
                decoded = new String(
                        Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return challenge;
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return challenge;
            }
            boolean userOk = MessageDigest.isEqual(
                    user, sha256(decoded.substring(0, colon).getBytes(StandardCharsets.UTF_8)));
            boolean passOk = MessageDigest.isEqual(
                    passwordHash, sha256(decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8)));
            return userOk && passOk ? null : challenge;
        }
    }

    private static final class Bearer extends EndpointAuth {
        private final Path file;
        private volatile FileTime loadedAt;
        private volatile byte[] tokenHash;

        Bearer(Path file) {
            this.file = file;
        }

        @Override
        public String check(String authorization) {
            String challenge = "Bearer realm=\"metrics\"";
            byte[] expected = currentTokenHash();
            if (expected == null
                    || authorization == null
                    || !authorization.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
                return challenge;
            }
            byte[] got = sha256(authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(expected, got) ? null : challenge;
        }

        /** Re-reads the file when its modification time changes, so tokens rotate without a restart. */
        private byte[] currentTokenHash() {
            try {
                FileTime modified = Files.getLastModifiedTime(file);
                if (!modified.equals(loadedAt)) {
                    String token = Files.readString(file).trim();
                    tokenHash = token.isEmpty() ? null : sha256(token.getBytes(StandardCharsets.UTF_8));
                    loadedAt = modified;
                }
            } catch (IOException e) {
                tokenHash = null;
                loadedAt = null;
            }
            return tokenHash;
        }
    }
}
