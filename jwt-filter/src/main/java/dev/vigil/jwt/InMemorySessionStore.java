package dev.vigil.jwt;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** The default store: one JVM, nothing survives a restart. Expired entries are pruned as new ones arrive. */
public final class InMemorySessionStore implements SessionStore {
    private static final int PRUNE_EVERY = 1024;

    private final Map<String, RefreshFamily> families = new ConcurrentHashMap<>();
    private final Map<String, String> tokenIndex = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> bySubject = new ConcurrentHashMap<>();
    private final Map<String, Long> revokedJtis = new ConcurrentHashMap<>();
    private final Map<String, Long> revokedFamilies = new ConcurrentHashMap<>();
    private final Clock clock;
    private int writes;

    public InMemorySessionStore() {
        this(Clock.systemUTC());
    }

    public InMemorySessionStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void create(RefreshFamily family, String tokenHash) {
        families.put(family.id(), family);
        tokenIndex.put(tokenHash, family.id());
        bySubject
                .computeIfAbsent(family.subject(), s -> ConcurrentHashMap.newKeySet())
                .add(family.id());
        maybePrune();
    }

    @Override
    public Optional<RefreshFamily> findByToken(String tokenHash) {
        String id = tokenIndex.get(tokenHash);
        return id == null ? Optional.empty() : find(id);
    }

    @Override
    public Optional<RefreshFamily> find(String familyId) {
        return Optional.ofNullable(families.get(familyId));
    }

    @Override
    public boolean replace(RefreshFamily expected, RefreshFamily updated, String newTokenHash) {
        AtomicBoolean won = new AtomicBoolean();
        families.computeIfPresent(expected.id(), (id, current) -> {
            if (current.version() != expected.version() || current.revoked() || isFamilyRevoked(id)) {
                return current;
            }
            won.set(true);
            return updated;
        });
        if (won.get() && newTokenHash != null) {
            tokenIndex.put(newTokenHash, expected.id());
        }
        return won.get();
    }

    @Override
    public Set<String> familiesOf(String subject) {
        return Set.copyOf(bySubject.getOrDefault(subject, Set.of()));
    }

    @Override
    public void revokeJti(String jti, Instant until) {
        revokedJtis.merge(jti, until.toEpochMilli(), Math::max);
        maybePrune();
    }

    /** The tombstone first, then the record's flag: a replace that runs after this sees either and fails. */
    @Override
    public void revokeFamily(String familyId, Instant until) {
        revokedFamilies.merge(familyId, until.toEpochMilli(), Math::max);
        families.computeIfPresent(familyId, (id, f) -> f.revoked() ? f : f.markedRevoked());
        maybePrune();
    }

    @Override
    public boolean isFamilyRevoked(String familyId) {
        Long until = revokedFamilies.get(familyId);
        return until != null && until > clock.millis();
    }

    @Override
    public boolean isJtiRevoked(String jti) {
        Long until = revokedJtis.get(jti);
        return until != null && until > clock.millis();
    }

    private synchronized void maybePrune() {
        if (++writes % PRUNE_EVERY != 0) {
            return;
        }
        long now = clock.millis();
        families.values().removeIf(f -> f.absoluteExpiresAt() < now);
        tokenIndex.values().removeIf(id -> !families.containsKey(id));
        bySubject.values().forEach(ids -> ids.removeIf(id -> !families.containsKey(id)));
        revokedJtis.values().removeIf(until -> until < now);
        revokedFamilies.values().removeIf(until -> until < now);
    }
}
