package dev.vigil.jwt.internal;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Where an issuer's verification keys come from. Implementations only fetch; caching is {@link IssuerKeys}. */
public interface KeySource {
    /** Keys and, for HTTP sources, the server's suggested max-age. */
    record Loaded(JWKSet keys, Optional<Duration> maxAge) {}

    Loaded load() throws IOException;

    /** A short description for logs and toString; never contains secret material. */
    String describe();

    static KeySource jwksUri(URI uri, HttpFetcher http) {
        return new KeySource() {
            private final Set<String> warned = ConcurrentHashMap.newKeySet();

            @Override
            public Loaded load() throws IOException {
                HttpFetcher.Fetched f = http.get(uri);
                return new Loaded(withoutSecretKeys(parseSet(f.body(), uri.toString()), uri, warned), f.maxAge());
            }

            @Override
            public String describe() {
                return "jwks-uri " + uri;
            }
        };
    }

    /** OIDC discovery, then RFC 8414 metadata; the document's issuer must equal the configured one. */
    static KeySource discovery(String issuer, URI base, HttpFetcher http) {
        return new KeySource() {
            private volatile URI jwksUri;
            private final Set<String> warned = ConcurrentHashMap.newKeySet();

            @Override
            public Loaded load() throws IOException {
                long deadline = http.deadline(); // one deadline for the discovery document and the key set
                URI jwks = jwksUri;
                if (jwks == null) {
                    jwks = discover(deadline);
                }
                try {
                    HttpFetcher.Fetched f = http.get(jwks, deadline);
                    jwksUri = jwks;
                    return new Loaded(withoutSecretKeys(parseSet(f.body(), jwks.toString()), jwks, warned), f.maxAge());
                } catch (IOException e) {
                    jwksUri = null; // rediscover next time: the IdP may have moved its key set
                    throw e;
                }
            }

            private URI discover(long deadline) throws IOException {
                String root = base.toString().replaceAll("/+$", "");
                IOException first = null;
                for (String suffix :
                        List.of("/.well-known/openid-configuration", "/.well-known/oauth-authorization-server")) {
                    try {
                        Map<String, Object> doc = JSONObjectUtils.parse(
                                http.get(URI.create(root + suffix), deadline).body());
                        Object docIssuer = doc.get("issuer");
                        if (!issuer.equals(docIssuer)) {
                            throw new IOException("discovery document at " + root + suffix + " names issuer '"
                                    + docIssuer + "', expected '" + issuer + "'");
                        }
                        Object uri = doc.get("jwks_uri");
                        if (!(uri instanceof String s)) {
                            throw new IOException("discovery document at " + root + suffix + " has no jwks_uri");
                        }
                        return URI.create(s);
                    } catch (IOException | ParseException | IllegalArgumentException e) {
                        if (first == null) {
                            first = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
                        }
                    }
                }
                throw first;
            }

            @Override
            public String describe() {
                return "discovery " + base;
            }
        };
    }

    static KeySource jwksFile(Path file) {
        return new KeySource() {
            @Override
            public Loaded load() throws IOException {
                return new Loaded(parseSet(Files.readString(file), file.toString()), Optional.empty());
            }

            @Override
            public String describe() {
                return "jwks-file " + file;
            }
        };
    }

    static KeySource pemFile(Path file) {
        return new KeySource() {
            @Override
            public Loaded load() throws IOException {
                return new Loaded(new JWKSet(pemToJwk(Files.readString(file), file.toString())), Optional.empty());
            }

            @Override
            public String describe() {
                return "pem-file " + file;
            }
        };
    }

    /** True when the first {@code length} bytes are printable ASCII (a secret written as text). */
    static boolean printable(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] < 0x20 || bytes[i] > 0x7e) {
                return false;
            }
        }
        return true;
    }

    static KeySource hmacSecretFile(Path file) {
        return new KeySource() {
            @Override
            public Loaded load() throws IOException {
                byte[] secret = Files.readAllBytes(file);
                int end = secret.length;
                while (end > 0 && (secret[end - 1] == '\n' || secret[end - 1] == '\r')) {
                    end--;
                }
                // a text secret (`openssl rand -base64 48 > file`) loses its line break; a binary one is used as
                // written, even when its last byte happens to be 0x0A or 0x0D
                if (!printable(secret, end)) {
                    end = secret.length;
                }
                byte[] trimmed = Arrays.copyOf(secret, end);
                Arrays.fill(secret, (byte) 0);
                if (trimmed.length < 32) {
                    throw new IOException("HMAC secret in " + file + " is shorter than 256 bits");
                }
                return new Loaded(new JWKSet(new OctetSequenceKey.Builder(trimmed).build()), Optional.empty());
            }

            @Override
            public String describe() {
                return "hmac-secret-file " + file;
            }
        };
    }

    static KeySource fixed(JWKSet keys, String description) {
        return new KeySource() {
            @Override
            public Loaded load() {
                return new Loaded(keys, Optional.empty());
            }

            @Override
            public String describe() {
                return description;
            }
        };
    }

    static JWKSet parseSet(String json, String where) throws IOException {
        try {
            JWKSet set = JWKSet.parse(json);
            for (JWK key : set.getKeys()) {
                if (key.isPrivate() && !(key instanceof OctetSequenceKey)) {
                    throw new IOException("key set at " + where + " contains private key material; refusing it");
                }
            }
            return set;
        } catch (ParseException e) {
            throw new IOException("key set at " + where + " is not a JWK set: " + e.getMessage(), e);
        }
    }

    /**
     * A key set fetched over the network without its symmetric ({@code oct}) keys: a secret that an HTTP endpoint
     * hands to anyone who asks is no secret, and trusting it would let anyone sign HS* tokens. HMAC keys come only
     * from an hmac-secret-file or keys given in code. Each ignored key is logged once per source (its kid, never its
     * material).
     */
    static JWKSet withoutSecretKeys(JWKSet set, URI where, Set<String> warned) {
        List<JWK> kept = new ArrayList<>(set.getKeys().size());
        for (JWK key : set.getKeys()) {
            if (!(key instanceof OctetSequenceKey)) {
                kept.add(key);
                continue;
            }
            String kid = key.getKeyID() == null ? "(none)" : HttpFetcher.oneLine(key.getKeyID());
            if (warned.size() < 64 && warned.add(kid)) {
                System.getLogger(KeySource.class.getName())
                        .log(
                                System.Logger.Level.WARNING,
                                "vigil-jwt: ignoring the symmetric (oct) key kid={0} served by {1}: HMAC keys are"
                                        + " trusted only from an hmac-secret-file or keys given in code",
                                kid,
                                where);
            }
        }
        return kept.size() == set.getKeys().size() ? set : new JWKSet(kept);
    }

    static JWK pemToJwk(String pem, String where) throws IOException {
        String b64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw new IOException(where + " is not a PEM public key", e);
        }
        for (String type : List.of("RSA", "EC", "Ed25519")) {
            PublicKey key;
            try {
                key = KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(der));
            } catch (Exception e) {
                continue;
            }
            try {
                if (key instanceof RSAPublicKey rsa) {
                    return new RSAKey.Builder(rsa).keyIDFromThumbprint().build();
                }
                if (key instanceof ECPublicKey ec) {
                    return new ECKey.Builder(Curve.forECParameterSpec(ec.getParams()), ec)
                            .keyIDFromThumbprint()
                            .build();
                }
                byte[] x = Arrays.copyOfRange(der, der.length - 32, der.length);
                return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(x))
                        .keyIDFromThumbprint()
                        .build();
            } catch (Exception e) {
                throw new IOException(where + ": unusable public key: " + e.getMessage(), e);
            }
        }
        throw new IOException(where + " holds no RSA, EC or Ed25519 public key");
    }
}
