package dev.vigil.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@link RevocationRace} on the in-memory store: concurrent refreshers with a stolen cookie against a logout. */
class RevocationRaceTest {
    @Test
    void logoutWinsAgainstConcurrentRefreshersAndKillsEveryAccessTokenOfTheFamily() throws Exception {
        JwtFilterConfig config = JwtFilterConfig.builder()
                .sessions(true)
                .audience("orders-api")
                .reuseGrace(Duration.ofMinutes(5))
                .meterRegistry(new SimpleMeterRegistry())
                .build();
        try (RefreshTokenService service = RefreshTokenService.create(config);
                JwtValidator validator = JwtValidator.withSessionIssuer(
                        config,
                        service.issuer(),
                        service.publicKeys(),
                        service.algorithms(),
                        service::isRevoked,
                        new dev.vigil.jwt.internal.JwtMetrics(new SimpleMeterRegistry()))) {
            RevocationRace.Outcome o = RevocationRace.run(List.of(service), service, validator, 500, 300);
            assertThat(o.successesBeforeRevoke()).isGreaterThanOrEqualTo(500);
        }
    }

    /**
     * The worst scheduling, made deterministic: every time the revoker reads the family, the attacker's refresh
     * lands before the revoker's next write. A compare-and-set revoke loses every time; the revoke must not.
     */
    @Test
    void revokeNeverLosesToARefreshBetweenItsReadAndItsWrite() throws Exception {
        JwtFilterConfig config = JwtFilterConfig.builder()
                .sessions(true)
                .audience("orders-api")
                .reuseGrace(Duration.ofMinutes(5))
                .meterRegistry(new SimpleMeterRegistry())
                .build();
        AtomicReference<Runnable> betweenReadAndWrite = new AtomicReference<>(() -> {});
        InMemorySessionStore inner = new InMemorySessionStore();
        SessionStore adversarial = new SessionStore() {
            @Override
            public void create(RefreshFamily family, String tokenHash) {
                inner.create(family, tokenHash);
            }

            @Override
            public Optional<RefreshFamily> findByToken(String tokenHash) {
                return inner.findByToken(tokenHash);
            }

            @Override
            public Optional<RefreshFamily> find(String familyId) {
                Optional<RefreshFamily> f = inner.find(familyId);
                betweenReadAndWrite.get().run();
                return f;
            }

            @Override
            public boolean replace(RefreshFamily expected, RefreshFamily updated, String newTokenHash) {
                return inner.replace(expected, updated, newTokenHash);
            }

            @Override
            public Set<String> familiesOf(String subject) {
                return inner.familiesOf(subject);
            }

            @Override
            public void revokeJti(String jti, Instant until) {
                inner.revokeJti(jti, until);
            }

            @Override
            public boolean isJtiRevoked(String jti) {
                return inner.isJtiRevoked(jti);
            }

            @Override
            public void revokeFamily(String familyId, Instant until) {
                inner.revokeFamily(familyId, until);
            }

            @Override
            public boolean isFamilyRevoked(String familyId) {
                return inner.isFamilyRevoked(familyId);
            }
        };
        try (RefreshTokenService service = RefreshTokenService.create(config, adversarial);
                JwtValidator validator = JwtValidator.withSessionIssuer(
                        config,
                        service.issuer(),
                        service.publicKeys(),
                        service.algorithms(),
                        service::isRevoked,
                        new dev.vigil.jwt.internal.JwtMetrics(new SimpleMeterRegistry()))) {
            String device = RevocationRace.DEVICE;
            SessionTokens login = service.login("victim", Set.of(), device, null);
            SessionTokens current = service.refresh(login.refreshToken(), device, null);
            List<String> minted = new ArrayList<>();
            betweenReadAndWrite.set(() -> {
                try {
                    minted.add(
                            service.refresh(login.refreshToken(), device, null).accessToken());
                } catch (RefreshException e) {
                    // the revoke already won
                }
            });
            service.logout(current.refreshToken()); // returns normally: it must have revoked
            betweenReadAndWrite.set(() -> {});
            assertThat(RefreshTokenServiceTest.reason(() -> service.refresh(login.refreshToken(), device, null)))
                    .isEqualTo("session_revoked");
            assertThat(RefreshTokenServiceTest.reason(() -> service.refresh(current.refreshToken(), device, null)))
                    .isEqualTo("session_revoked");
            for (String token : minted) {
                assertThat(RefreshTokenServiceTest.reason(() -> validator.validate(token)))
                        .isEqualTo("token_revoked");
            }
        }
    }
}
