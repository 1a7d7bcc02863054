package dev.vigil.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rotation, reuse detection, grace window, lifetimes, device binding and revocation, on the in-memory store. */
class RefreshTokenServiceTest {
    static final String DEVICE = "device:abc\nua";
    final MutableClock clock = new MutableClock(Instant.parse("2027-03-01T10:00:00Z"));
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final RefreshTokenService service = RefreshTokenService.create(JwtFilterConfig.builder()
            .sessions(true)
            .audience("orders-api")
            .clock(clock)
            .meterRegistry(meters)
            .build());
    final JwtValidator validator = JwtValidator.withSessionIssuer(
            JwtFilterConfig.builder()
                    .sessions(true)
                    .audience("orders-api")
                    .clock(clock)
                    .meterRegistry(meters)
                    .build(),
            service.issuer(),
            service.publicKeys(),
            service.algorithms(),
            service::isRevoked,
            new dev.vigil.jwt.internal.JwtMetrics(meters));

    @AfterEach
    void close() {
        validator.close();
        service.close();
    }

    static String reason(ThrowingCall call) {
        try {
            call.run();
            return "ok";
        } catch (RefreshException e) {
            return e.reason();
        } catch (TokenRejectedException e) {
            return e.reason();
        }
    }

    interface ThrowingCall {
        void run() throws RefreshException, TokenRejectedException;
    }

    @Test
    void loginIssuesAnAccessTokenTheFilterAccepts() throws Exception {
        SessionTokens t = service.login("alice", Set.of("orders:read"), DEVICE, null);
        assertThat(t.expiresInSeconds()).isEqualTo(900);
        assertThat(t.refreshToken()).hasSize(43); // 256 bits, base64url
        JwtPrincipal p = validator.validate(t.accessToken());
        assertThat(p.getName()).isEqualTo("alice");
        assertThat(p.scopes()).containsExactly("orders:read");
        assertThat(p.claims()).containsEntry("sid", t.familyId()).containsKey("jti");
    }

    @Test
    void everyRefreshRotates() throws Exception {
        SessionTokens first = service.login("alice", Set.of(), DEVICE, null);
        SessionTokens second = service.refresh(first.refreshToken(), DEVICE, null);
        SessionTokens third = service.refresh(second.refreshToken(), DEVICE, null);
        assertThat(List.of(first.refreshToken(), second.refreshToken(), third.refreshToken()))
                .doesNotHaveDuplicates();
        assertThat(third.familyId()).isEqualTo(first.familyId());
    }

    @Test
    void reuseOfRotatedTokenRevokesFamily() throws Exception {
        SessionTokens first = service.login("alice", Set.of(), DEVICE, null);
        SessionTokens second = service.refresh(first.refreshToken(), DEVICE, null);
        clock.advance(Duration.ofSeconds(11)); // past the 10 s grace window
        assertThat(reason(() -> service.refresh(first.refreshToken(), DEVICE, null)))
                .isEqualTo("refresh_token_reused");
        assertThat(reason(() -> service.refresh(second.refreshToken(), DEVICE, null)))
                .isEqualTo("session_revoked");
        assertThat(reason(() -> validator.validate(second.accessToken()))).isEqualTo("token_revoked");
        assertThat(reason(() -> validator.validate(first.accessToken()))).isEqualTo("token_revoked");
        assertThat(meters.get("vigil.jwt.refresh.reuse.detected").counter().count())
                .isEqualTo(1);
        assertThat(meters.get("vigil.jwt.refreshes")
                        .tag("result", "rotated")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(meters.get("vigil.jwt.refreshes")
                        .tag("result", "reuse_detected")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void grandparentReuseRevokesEvenInsideTheGraceWindow() throws Exception {
        SessionTokens first = service.login("alice", Set.of(), DEVICE, null);
        SessionTokens second = service.refresh(first.refreshToken(), DEVICE, null);
        service.refresh(second.refreshToken(), DEVICE, null);
        assertThat(reason(() -> service.refresh(first.refreshToken(), DEVICE, null)))
                .isEqualTo("refresh_token_reused");
    }

    @Test
    void immediateParentWithinGraceGetsAnAccessTokenButNoNewRefreshToken() throws Exception {
        SessionTokens first = service.login("alice", Set.of(), DEVICE, null);
        SessionTokens second = service.refresh(first.refreshToken(), DEVICE, null);
        clock.advance(Duration.ofSeconds(9));
        SessionTokens concurrentTab = service.refresh(first.refreshToken(), DEVICE, null);
        assertThat(concurrentTab.refreshToken()).isNull();
        assertThat(validator.validate(concurrentTab.accessToken()).getName()).isEqualTo("alice");
        assertThat(service.refresh(second.refreshToken(), DEVICE, null).refreshToken())
                .isNotNull();
    }

    @Test
    void concurrentRefreshesOfOneTokenRotateOnceAndRevokeNothing() throws Exception {
        SessionTokens first = service.login("alice", Set.of(), DEVICE, null);
        int n = 16;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<SessionTokens>> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Callable<SessionTokens> c = () -> {
                go.await();
                return service.refresh(first.refreshToken(), DEVICE, null);
            };
            results.add(pool.submit(c));
        }
        go.countDown();
        List<SessionTokens> done = new ArrayList<>();
        for (Future<SessionTokens> f : results) {
            done.add(f.get());
        }
        pool.shutdown();
        assertThat(done).filteredOn(t -> t.refreshToken() != null).hasSize(1);
        assertThat(done).filteredOn(t -> t.refreshToken() == null).hasSize(n - 1);
        String current = done.stream()
                .filter(t -> t.refreshToken() != null)
                .findFirst()
                .orElseThrow()
                .refreshToken();
        assertThat(service.refresh(current, DEVICE, null).refreshToken()).isNotNull();
    }

    @Test
    void idleLifetimeEndsASessionAndRotationNeverExtendsTheAbsoluteOne() throws Exception {
        SessionTokens t = service.login("alice", Set.of(), DEVICE, null);
        clock.advance(Duration.ofHours(23));
        t = service.refresh(t.refreshToken(), DEVICE, null); // idle resets, absolute does not
        for (int day = 0; day < 6; day++) {
            clock.advance(Duration.ofHours(23));
            t = service.refresh(t.refreshToken(), DEVICE, null);
        }
        assertThat(t.refreshExpiresInSeconds())
                .isLessThanOrEqualTo(Duration.ofHours(7).toSeconds());
        clock.advance(Duration.ofHours(7));
        String last = t.refreshToken();
        assertThat(reason(() -> service.refresh(last, DEVICE, null))).isEqualTo("session_expired");

        SessionTokens idle = service.login("bob", Set.of(), DEVICE, null);
        clock.advance(Duration.ofHours(24));
        assertThat(reason(() -> service.refresh(idle.refreshToken(), DEVICE, null)))
                .isEqualTo("session_expired");
    }

    @Test
    void anotherDeviceCannotUseTheTokenAndTheFamilyIsRevoked() throws Exception {
        SessionTokens t = service.login("alice", Set.of(), DEVICE, null);
        assertThat(reason(() -> service.refresh(t.refreshToken(), "device:other\nua", null)))
                .isEqualTo("device_mismatch");
        assertThat(reason(() -> service.refresh(t.refreshToken(), DEVICE, null)))
                .isEqualTo("session_revoked");
    }

    @Test
    void logoutAndSubjectRevocationEndSessions() throws Exception {
        SessionTokens a = service.login("alice", Set.of(), DEVICE, null);
        service.logout(a.refreshToken());
        assertThat(reason(() -> service.refresh(a.refreshToken(), DEVICE, null)))
                .isEqualTo("session_revoked");
        assertThat(reason(() -> validator.validate(a.accessToken()))).isEqualTo("token_revoked");

        SessionTokens phone = service.login("bob", Set.of(), DEVICE, null);
        SessionTokens laptop = service.login("bob", Set.of(), "device:laptop\nua", null);
        service.revokeSubject("bob");
        assertThat(reason(() -> service.refresh(phone.refreshToken(), DEVICE, null)))
                .isEqualTo("session_revoked");
        assertThat(reason(() -> service.refresh(laptop.refreshToken(), "device:laptop\nua", null)))
                .isEqualTo("session_revoked");
    }

    @Test
    void unknownOrMalformedRefreshTokensAreInvalid() {
        assertThat(reason(() -> service.refresh("A".repeat(43), DEVICE, null))).isEqualTo("invalid_refresh_token");
        assertThat(reason(() -> service.refresh("short", DEVICE, null))).isEqualTo("invalid_refresh_token");
        assertThat(reason(() -> service.refresh(null, DEVICE, null))).isEqualTo("invalid_refresh_token");
    }

    @Test
    void accessTokenRevokedByJtiStaysRevokedUntilItExpires() throws Exception {
        SessionTokens t = service.login("alice", Set.of(), DEVICE, null);
        JwtPrincipal p = validator.validate(t.accessToken());
        service.revokeAccessToken(p.jti(), p.expiresAt());
        assertThat(reason(() -> validator.validate(t.accessToken()))).isEqualTo("token_revoked");
        assertThatThrownBy(() -> validator.validate(t.accessToken())).isInstanceOf(TokenRejectedException.class);
    }

    @Test
    void revokedAccessTokenStaysRevokedUntilExpiryPlusClockSkew() throws Exception {
        SessionTokens t = service.login("alice", Set.of(), DEVICE, null);
        JwtPrincipal p = validator.validate(t.accessToken());
        service.revokeAccessToken(p.jti(), p.expiresAt());
        // the verifier accepts until exp + skew (60 s): the revocation must last as long
        clock.advance(Duration.between(clock.instant(), p.expiresAt()).plusSeconds(59));
        assertThat(reason(() -> validator.validate(t.accessToken()))).isEqualTo("token_revoked");
        clock.advance(Duration.ofSeconds(1));
        assertThat(reason(() -> validator.validate(t.accessToken()))).isEqualTo("token_expired");
    }

    @Test
    void familyRevocationCoversAccessTokensPastExpiryButWithinClockSkew() throws Exception {
        SessionTokens login = service.login("alice", Set.of(), DEVICE, null);
        Instant exp = validator.validate(login.accessToken()).expiresAt();
        clock.advance(Duration.between(clock.instant(), exp).plusSeconds(10));
        // the login's token is past exp but still accepted (skew): a rotation now must not forget it
        SessionTokens rotated = service.refresh(login.refreshToken(), DEVICE, null);
        assertThat(validator.validate(login.accessToken()).getName()).isEqualTo("alice");
        clock.advance(Duration.ofSeconds(20));
        service.revokeFamily(rotated.familyId());
        assertThat(reason(() -> validator.validate(login.accessToken()))).isEqualTo("token_revoked");
        assertThat(reason(() -> validator.validate(rotated.accessToken()))).isEqualTo("token_revoked");
        clock.advance(Duration.ofSeconds(29)); // exp + 59 s
        assertThat(reason(() -> validator.validate(login.accessToken()))).isEqualTo("token_revoked");
    }
}
