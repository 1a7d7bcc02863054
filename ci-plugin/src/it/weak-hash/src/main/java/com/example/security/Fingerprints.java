package com.example.security;

import java.security.MessageDigest;

/** Content fingerprints with MD5 (broken). */
public final class Fingerprints {
    private Fingerprints() {}

    public static byte[] of(byte[] data) throws Exception {
        return MessageDigest.getInstance("MD5").digest(data);
    }
}
