package dev.vigil.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With every vigil logger at its most verbose, no access token, refresh token, {@code jti} or private key material
 * reaches a log line on the paths that log: a signature rejection, refresh rotation and reuse detection.
 */
class NoSecretsInLogsTest {
    private final List<String> lines = new ArrayList<>();
    private final Logger root = Logger.getLogger("dev.vigil");
    private final Handler capture = new Handler() {
        private final SimpleFormatter f = new SimpleFormatter();

        @Override
        public void publish(LogRecord r) {
            lines.add(f.format(r));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private Level previous;

    @BeforeEach
    void capture() {
        previous = root.getLevel();
        root.setLevel(Level.ALL);
        root.addHandler(capture);
    }

    @AfterEach
    void release() {
        root.removeHandler(capture);
        root.setLevel(previous);
    }

    @Test
    void rejectionsAndSessionEventsLogNoSecrets() throws Exception {
        List<String> secrets = new ArrayList<>();
        try (JwtValidator v = Fixtures.validator()) {
            String forged = TestKeys.sign(
                    TestKeys.map("alg", "RS256", "kid", "rsa-1"),
                    Fixtures.claims("jti", "secret-jti-value"),
                    TestKeys.OTHER_RSA);
            String revokedSoon = Fixtures.valid();
            secrets.add(forged);
            secrets.add(revokedSoon);
            for (String t : List.of(forged, revokedSoon + "x", "garbage")) {
                try {
                    v.validate(t);
                } catch (TokenRejectedException expected) {
                    // logged at DEBUG
                }
            }
            secrets.add("secret-jti-value");
        }
        RefreshTokenService s = RefreshTokenService.create(JwtFilterConfig.builder()
                .sessions(true)
                .audience("orders-api")
                .meterRegistry(new SimpleMeterRegistry())
                .build());
        SessionTokens login = s.login("alice", Set.of(), "device", null);
        s.refresh(login.refreshToken(), "device", null);
        try {
            s.refresh(login.refreshToken(), "device", null); // parent in grace: fine
            s.refresh(login.refreshToken(), "device", null);
        } catch (RefreshException ignored) {
            // not reached
        }
        SessionTokens second = s.login("alice", Set.of(), "device", null);
        SessionTokens third = s.refresh(second.refreshToken(), "device", null);
        s.refresh(third.refreshToken(), "device", null);
        try {
            s.refresh(second.refreshToken(), "device", null); // grandparent: reuse, logged at WARNING
        } catch (RefreshException expected) {
            assertThat(expected.reason()).isEqualTo("refresh_token_reused");
        }
        s.close();
        secrets.addAll(List.of(
                login.refreshToken(),
                login.accessToken(),
                second.refreshToken(),
                third.refreshToken(),
                second.accessToken(),
                "alice"));

        // the private parts of the keys that signed the tokens above
        for (var key : List.of(TestKeys.RSA, TestKeys.OTHER_RSA)) {
            secrets.add(key.getPrivateExponent().toString());
            secrets.add(key.getFirstFactorCRTExponent().toString());
        }

        // the paths under test did log, so "no secret in any line" is not vacuous: the forged token's rejection
        // (pre-parse rejections of malformed input log nothing at all) and the reuse
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("reuse detected"));
        assertThat(lines)
                .as("rejection lines at DEBUG")
                .anySatisfy(l -> assertThat(l).contains("vigil-jwt: rejected reason=invalid_signature"));
        for (String line : lines) {
            for (String secret : secrets) {
                assertThat(line).doesNotContain(secret);
            }
            assertThat(line).doesNotContainPattern("eyJ[A-Za-z0-9_-]{10,}");
        }
    }
}
