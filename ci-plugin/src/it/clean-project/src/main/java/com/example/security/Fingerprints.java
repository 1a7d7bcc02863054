package com.example.security;

import java.security.MessageDigest;

/** Content fingerprints with SHA-256. */
public final class Fingerprints {
    private Fingerprints() {}

    public static byte[] of(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }
}
