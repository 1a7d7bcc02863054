package dev.vigil.jwt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import dev.vigil.jwt.CapturedLog;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** A key set's {@code kid} is server data: logging it must not forge a second log line (found by fuzzing). */
class KeyLogLineTest {
    @Test
    void aKidWithALineBreakIsLoggedOnOneLine() {
        List<String> lines;
        try (CapturedLog log = new CapturedLog(KeySource.class, Level.ALL)) {
            OctetSequenceKey forged = new OctetSequenceKey.Builder(new byte[32])
                    .keyID("k1\nvigil-jwt: revoked family f=admin\u2028x")
                    .build();
            JWKSet kept = KeySource.withoutSecretKeys(
                    new JWKSet(forged), URI.create("https://idp.example/jwks"), new HashSet<>());
            assertThat(kept.getKeys()).isEmpty();
            lines = List.copyOf(log.messages);
        }
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).doesNotContain("\n", "\r", "\u2028").contains("k1\\u000avigil-jwt");
    }

    @Test
    void oneLineEscapesControlCharactersAndKeepsNull() {
        assertThat(HttpFetcher.oneLine("a\r\nb\u0000c")).isEqualTo("a\\u000d\\u000ab\\u0000c");
        assertThat(HttpFetcher.oneLine(null)).isNull();
    }
}
