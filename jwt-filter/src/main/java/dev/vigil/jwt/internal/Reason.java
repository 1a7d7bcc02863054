package dev.vigil.jwt.internal;

/** Stable reason codes, sent in {@code error_description} and used as the metrics {@code reason} tag. */
public enum Reason {
    MALFORMED("malformed_token", 401),
    TOO_LARGE("token_too_large", 401),
    NOT_CANONICAL("non_canonical_encoding", 401),
    TOO_DEEP("json_too_deep", 401),
    ENCRYPTED("encrypted_token_not_accepted", 401),
    UNSIGNED("unsigned_token", 401),
    ALGORITHM_NOT_ALLOWED("algorithm_not_allowed", 401),
    EMBEDDED_KEY_NOT_TRUSTED("embedded_key_not_trusted", 401),
    UNSUPPORTED_CRIT("unsupported_critical_header", 401),
    TYPE_NOT_ALLOWED("type_not_allowed", 401),
    UNTRUSTED_ISSUER("untrusted_issuer", 401),
    UNKNOWN_KEY_ID("unknown_key_id", 401),
    NO_MATCHING_KEY("no_matching_key", 401),
    BAD_SIGNATURE("invalid_signature", 401),
    EXPIRED("token_expired", 401),
    MISSING_EXPIRY("missing_expiry", 401),
    NOT_YET_VALID("token_not_yet_valid", 401),
    ISSUED_IN_FUTURE("issued_in_future", 401),
    LIFETIME_TOO_LONG("lifetime_too_long", 401),
    MISSING_CLAIM("missing_required_claim", 401),
    AUDIENCE_MISMATCH("audience_mismatch", 401),
    INVALID_SUBJECT("invalid_subject", 401),
    REVOKED("token_revoked", 401),
    DPOP_REQUIRED("dpop_proof_required", 401),
    DPOP_INVALID("dpop_proof_invalid", 401),
    KEYS_UNAVAILABLE("keys_unavailable", 503),
    /** The token needs a revocation check and the session store cannot be read (fail closed, the default). */
    STORE_UNAVAILABLE("store_unavailable", 503);

    private final String code;
    private final int status;

    Reason(String code, int status) {
        this.code = code;
        this.status = status;
    }

    /** The stable code, e.g. {@code token_expired}. */
    public String code() {
        return code;
    }

    /** The HTTP status the filter answers with. */
    public int status() {
        return status;
    }
}
