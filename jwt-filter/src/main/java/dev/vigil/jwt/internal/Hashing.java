package dev.vigil.jwt.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/** SHA-256 helpers and constant-time comparison. */
public final class Hashing {
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(Hashing::newSha256);

    private Hashing() {}

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }

    public static byte[] sha256(byte[] data) {
        MessageDigest md = SHA256.get();
        md.reset();
        return md.digest(data);
    }

    public static byte[] sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    /** base64url(SHA-256(text)), unpadded: storage keys and DPoP {@code ath}. */
    public static String sha256Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(text));
    }

    /** A short hash fit for logs: lets operators correlate a jti without revealing it. */
    public static String logHash(String value) {
        if (value == null) {
            return "-";
        }
        return HexFormat.of().formatHex(sha256(value), 0, 6);
    }

    /** Constant-time equality of two strings' UTF-8 bytes. */
    public static boolean constantTimeEquals(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
