package dev.vigil.jwt.internal;

import java.util.Base64;

/**
 * Hard limits applied to an untrusted token before any decoding: size, shape, canonical base64url and JSON
 * nesting depth. Everything here is cheap and allocation-light so that junk is refused in microseconds.
 */
public final class TokenLimits {
    /** Largest accepted compact token, in bytes. */
    public static final int MAX_TOKEN_BYTES = 8 * 1024;
    /** Deepest accepted JSON nesting in the header or the claims. */
    public static final int MAX_JSON_DEPTH = 8;

    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private TokenLimits() {}

    /** The three decoded-ready segments of a compact JWS, after every limit has been checked. */
    public record Segments(String header, String payload, String signature, byte[] headerJson, byte[] payloadJson) {}

    /**
     * Checks size, segment count, alphabet and canonical encoding, then decodes header and payload and checks
     * their JSON depth.
     *
     * @throws TokenRejection with the first limit the token breaks
     */
    public static Segments check(String token) throws TokenRejection {
        if (token == null || token.isEmpty()) {
            throw new TokenRejection(Reason.MALFORMED);
        }
        if (token.length() > MAX_TOKEN_BYTES) {
            throw new TokenRejection(Reason.TOO_LARGE);
        }
        int dots = 0;
        int first = -1;
        int second = -1;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '.') {
                dots++;
                if (first < 0) {
                    first = i;
                } else if (second < 0) {
                    second = i;
                }
            } else if (!isBase64UrlChar(c)) {
                throw new TokenRejection(Reason.NOT_CANONICAL);
            }
        }
        if (dots == 4) {
            throw new TokenRejection(Reason.ENCRYPTED);
        }
        if (dots != 2) {
            throw new TokenRejection(Reason.MALFORMED);
        }
        String header = token.substring(0, first);
        String payload = token.substring(first + 1, second);
        String signature = token.substring(second + 1);
        if (header.isEmpty() || payload.isEmpty()) {
            throw new TokenRejection(Reason.MALFORMED);
        }
        requireCanonical(header);
        requireCanonical(payload);
        requireCanonical(signature);
        byte[] headerJson = DECODER.decode(header);
        byte[] payloadJson = DECODER.decode(payload);
        requireDepth(headerJson);
        requireDepth(payloadJson);
        return new Segments(header, payload, signature, headerJson, payloadJson);
    }

    static boolean isBase64UrlChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }

    /** Unpadded base64url whose unused trailing bits are zero, so that one byte string has one encoding. */
    static void requireCanonical(String segment) throws TokenRejection {
        int rem = segment.length() % 4;
        if (rem == 1) {
            throw new TokenRejection(Reason.NOT_CANONICAL);
        }
        if (rem == 0) {
            return;
        }
        int last = value(segment.charAt(segment.length() - 1));
        int unusedBitsMask = rem == 2 ? 0x0F : 0x03;
        if ((last & unusedBitsMask) != 0) {
            throw new TokenRejection(Reason.NOT_CANONICAL);
        }
    }

    private static int value(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '-' ? 62 : 63;
    }

    /** Scans JSON text for nesting depth without parsing it; string contents are skipped. */
    static void requireDepth(byte[] json) throws TokenRejection {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < json.length; i++) {
            byte b = json[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                if (++depth > MAX_JSON_DEPTH) {
                    throw new TokenRejection(Reason.TOO_DEEP);
                }
            } else if (b == '}' || b == ']') {
                depth--;
            }
        }
    }
}
