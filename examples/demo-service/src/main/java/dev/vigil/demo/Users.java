package dev.vigil.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.KeySpec;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/** Demo users from {@code demo.user.NAME=PASSWORD}, hashed with PBKDF2 at start; plain passwords are not kept. */
final class Users {
    private static final int ITERATIONS = 60_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Hashed(byte[] salt, byte[] hash) {}

    private final Map<String, Hashed> users;
    private final Hashed decoy;

    private Users(Map<String, Hashed> users) {
        this.users = users;
        this.decoy = hash("decoy-" + RANDOM.nextLong());
    }

    static Users fromProperties(Map<String, String> properties) {
        Map<String, Hashed> users = new HashMap<>();
        properties.forEach((k, v) -> {
            if (k.startsWith("demo.user.") && !v.isEmpty()) {
                users.put(k.substring("demo.user.".length()), hash(v));
            }
        });
        return new Users(users);
    }

    /** Constant work whether or not the user exists; constant-time comparison of the hashes. */
    boolean check(String name, String password) {
        Hashed stored = users.getOrDefault(name, decoy);
        byte[] candidate = pbkdf2(password, stored.salt());
        return MessageDigest.isEqual(candidate, stored.hash()) && users.containsKey(name);
    }

    private static Hashed hash(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return new Hashed(salt, pbkdf2(password, salt));
    }

    private static byte[] pbkdf2(String password, byte[] salt) {
        try {
            KeySpec spec = new PBEKeySpec(password.toCharArray(), salt, ITERATIONS, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(spec)
                    .getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException("PBKDF2 unavailable", e);
        }
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
